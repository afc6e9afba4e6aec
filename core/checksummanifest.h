#pragma once

#include "expected.h"
#include "hashalgorithm.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

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

    // Guesses the algorithm from the first checksum line: the tag of the
    // tagged form, else the digest length (32 hex digits md5, 40 sha1,
    // 64 sha256, 128 sha512, or blake2b when fileName ends in .b2, .blake2b or
    // .b2sum). Empty when the first line fits none of them.
    static std::optional<HashAlgorithm> detectAlgorithm(QByteArrayView data,
                                                        const QString &fileName);

    // Reads every checksum line of one algorithm, as "sha256sum -c" accepts
    // them: "HEX  NAME", "HEX *NAME", the BSD "SHA256 (NAME) = HEX", escaped
    // lines starting with '\\', upper- or lower-case hex, '#' comments, empty
    // lines and CRLF endings. Fails on the first line it cannot read
    // ("MANIFEST:LINE: not a sha256 checksum line") or when there is no
    // checksum line at all; manifestName is only used in those messages.
    static Expected<QList<Entry>> parse(QByteArrayView data, HashAlgorithm algorithm,
                                        const QString &manifestName);
};
