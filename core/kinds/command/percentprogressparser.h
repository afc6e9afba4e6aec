#pragma once

#include "kinds/command/progressparser.h"

// A line ending in a percentage: "42%", "42.5 %", "copying... 7%" -> done in
// per-mille of a total of 1000 items. Values are clamped to 0..100.
class PercentProgressParser : public ProgressParser {
public:
    static constexpr qint64 total = 1000;
    std::optional<Reading> feed(QStringView line) override;
};
