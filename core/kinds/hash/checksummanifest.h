#pragma once

#include "kinds/common/hashalgorithm.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

// The text format of coreutils' checksum files (sha256sum, sha512sum, sha1sum,
// md5sum, b2sum; as in coreutils 9.1), byte for byte: writing lines, writing
// the per-file lines of "--check", and reading a manifest back.
//
// Names are bytes as the file system spells them (no encoding is assumed).
// Every function is pure and may be called from any thread.
class ChecksumManifest {
public:
    struct Entry {
        QByteArray name;   // unescaped, as it names the file
        QByteArray digest; // binary
        int line = 0;      // 1-based line in the manifest
    };

    enum class Style {
        Untagged, // "HEX  NAME", the default of sha256sum
        Tagged,   // "SHA256 (NAME) = HEX", sha256sum --tag
    };

    // One manifest line including its '\n'. A name containing '\\', '\n' or
    // '\r' is escaped as coreutils does: the line starts with '\\' and those
    // bytes become "\\\\", "\\n" and "\\r".
    static QByteArray formatLine(QByteArrayView digest, QByteArrayView name,
                                 HashAlgorithm algorithm, Style style = Style::Untagged);

    // A line as "sha256sum -c" prints it for one file, without the '\n':
    // "NAME: OK", "NAME: FAILED", "NAME: FAILED open or read". "-c" escapes a
    // name (as above) only when it contains '\n'.
    static QByteArray formatCheckLine(QByteArrayView name, QByteArrayView status);

    // A manifest read as "sha256sum -c" reads it, for one algorithm.
    struct Parsed {
        QList<Entry> entries;      // the checksum lines, in manifest order
        QList<int> malformedLines; // 1-based: lines that are neither checksum
                                   // lines, comments ('#' first) nor empty
    };

    // Guesses the algorithm from the first line that is a checksum line of
    // one of them: the tag of the tagged form, else the digest length (32 hex
    // digits md5, 40 sha1, 64 sha256, 128 sha512 or blake2b). Lines that fit
    // none (a PGP header, garbage) are passed over, as checking skips them.
    // 128 digits fit both SHA-512 and BLAKE2b-512; the manifest's file name
    // tells them apart (see algorithmForLongDigests). Empty when no line fits.
    static std::optional<HashAlgorithm> detectAlgorithm(QByteArrayView data,
                                                        const QString &fileName);

    // SHA-512 or BLAKE2b, for untagged lines of 128 hex digits, from the file
    // name, case-insensitively: BLAKE2b for B2SUMS, *.b2, *.b2sum, *.blake2b
    // and any name with "blake2" but not "sha512" in it; SHA-512 for
    // SHA512SUMS, *.sha512 and every other name (sha512sum is the common tool).
    static HashAlgorithm algorithmForLongDigests(const QString &fileName);

    // Reads every checksum line of one algorithm, as "sha256sum -c" accepts
    // them: "HEX  NAME", "HEX *NAME", "HEX NAME" (the BSD reversed form, when
    // the first checksum line has it: the two are never mixed), the BSD
    // "SHA256 (NAME) = HEX", escaped lines starting with '\\', upper- or
    // lower-case hex, leading blanks, '#' comments, empty lines and CRLF
    // endings. Any other line, a line of another algorithm among them, is
    // listed in malformedLines and skipped, as coreutils does. One difference:
    // a line with a NUL byte in it is malformed here, where coreutils reads
    // some of those (not all) only up to the NUL.
    static Parsed parse(QByteArrayView data, HashAlgorithm algorithm);

    // True for a line formatCheckLine() makes ("NAME: OK", "NAME: FAILED",
    // "NAME: FAILED open or read"): a name with '\n' in it is escaped there,
    // so such a line is always one line, and no diagnostic of a hash job
    // ends that way (they end in a reason, a count or a description).
    static bool isCheckLine(QStringView line);
};
