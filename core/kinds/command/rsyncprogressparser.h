#pragma once

#include "kinds/command/progressparser.h"

// rsync's whole-transfer progress (`rsync --info=progress2`), redrawn with '\r':
//   "    123,456,789  42%   10.50MB/s    0:00:03 (xfr#5, to-chk=12/40)"
// Bytes transferred so far, with the total estimated from the percentage
// (rsync itself only knows the percentage; the total firms up as it goes).
// Also reads the per-file form of --progress, which has the same columns.
class RsyncProgressParser : public ProgressParser {
public:
    std::optional<Reading> feed(QStringView line) override;
};
