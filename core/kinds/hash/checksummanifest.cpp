#include "kinds/hash/checksummanifest.h"

#include <QFileInfo>

#include <array>

namespace {

bool isWhite(char c) {
    return c == ' ' || c == '\t';
}

bool isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

void appendEscaped(QByteArray &out, QByteArrayView name, bool escape) {
    if (!escape) {
        out.append(name);
        return;
    }
    for (char c : name) {
        switch (c) {
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        default:
            out.append(c);
        }
    }
}

// Inverse of appendEscaped; empty when the escaping is invalid (a lone
// trailing backslash or an escape other than \\, \n, \r), as coreutils rejects it.
std::optional<QByteArray> unescape(QByteArrayView name) {
    QByteArray out;
    out.reserve(name.size());
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (name[i] != '\\') {
            out.append(name[i]);
            continue;
        }
        if (++i == name.size())
            return std::nullopt;
        switch (name[i]) {
        case '\\':
            out.append('\\');
            break;
        case 'n':
            out.append('\n');
            break;
        case 'r':
            out.append('\r');
            break;
        default:
            return std::nullopt;
        }
    }
    return out;
}

// Calls onLine(text, lineNumber) for every line that is neither a comment
// nor empty, with its line ending removed, until onLine returns false.
template <typename F> void forEachChecksumLine(QByteArrayView data, F onLine) {
    int number = 0;
    qsizetype start = 0;
    while (start < data.size()) {
        qsizetype end = data.indexOf('\n', start);
        if (end < 0)
            end = data.size();
        QByteArrayView line = data.sliced(start, end - start);
        start = end + 1;
        ++number;
        if (line.startsWith('#'))
            continue;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        if (!onLine(line, number))
            return;
    }
}

// True when text at i starts with algorithm's tag followed by what may follow
// a tag: ' ' or '(' (and for BLAKE2b a length "-512"). Advances i past the tag.
bool matchTag(QByteArrayView text, qsizetype &i, HashAlgorithm algorithm) {
    const QByteArray tag = hashAlgorithmTag(algorithm);
    if (!text.sliced(i).startsWith(tag))
        return false;
    qsizetype j = i + tag.size();
    if (algorithm == HashAlgorithm::Blake2b && j < text.size() && text[j] == '-') {
        // b2sum writes "BLAKE2b-N" for shorter digests; only 512 bits is ours.
        if (!text.sliced(j).startsWith("-512"))
            return false;
        j += 4;
    }
    if (j < text.size() && (text[j] == ' ' || text[j] == '('))
        i = j;
    return i == j;
}

bool isHexOfLength(QByteArrayView text, qsizetype length) {
    if (text.size() != length)
        return false;
    for (char c : text) {
        if (!isHexDigit(c))
            return false;
    }
    return true;
}

// One parser per manifest: coreutils remembers whether the first untagged
// line was of the "HEX NAME" (one space, "BSD reversed") form and refuses to
// mix the two, so a line's meaning depends on the lines before it.
class LineParser {
public:
    explicit LineParser(HashAlgorithm algorithm)
        : m_algorithm(algorithm)
        , m_hexLength(2 * hashDigestLength(algorithm)) {}

    // Mirrors split_3() and bsd_split_3() of coreutils' md5sum.c.
    std::optional<ChecksumManifest::Entry> parse(QByteArrayView s) {
        if (s.contains('\0'))
            return std::nullopt;
        qsizetype i = 0;
        while (i < s.size() && isWhite(s[i]))
            ++i;
        const bool escaped = i < s.size() && s[i] == '\\';
        if (escaped)
            ++i;
        if (matchTag(s, i, m_algorithm))
            return parseTagged(s, i, escaped);
        if (i == s.size() || s.size() - i < m_hexLength + 2 + (s[i] == '\\' ? 1 : 0))
            return std::nullopt;
        const QByteArrayView hex = s.sliced(i, m_hexLength);
        i += m_hexLength;
        if (!isWhite(s[i]) || !isHexOfLength(hex, m_hexLength))
            return std::nullopt;
        ++i;
        if (s.size() - i == 1 || (s[i] != ' ' && s[i] != '*')) {
            if (m_reversed == 0)
                return std::nullopt;
            m_reversed = 1;
        } else if (m_reversed != 1) {
            m_reversed = 0;
            ++i; // the text (' ') or binary ('*') mark; the same on Linux
        }
        return entry(hex, s.sliced(i), escaped);
    }

private:
    std::optional<ChecksumManifest::Entry> parseTagged(QByteArrayView s, qsizetype i,
                                                       bool escaped) const {
        if (s[i] == ' ')
            ++i;
        if (i >= s.size() || s[i] != '(')
            return std::nullopt;
        s = s.sliced(i + 1);
        const qsizetype close = s.lastIndexOf(')');
        if (close < 0)
            return std::nullopt;
        qsizetype j = close + 1;
        while (j < s.size() && isWhite(s[j]))
            ++j;
        if (j >= s.size() || s[j] != '=')
            return std::nullopt;
        ++j;
        while (j < s.size() && isWhite(s[j]))
            ++j;
        const QByteArrayView hex = s.sliced(j);
        if (!isHexOfLength(hex, m_hexLength))
            return std::nullopt;
        return entry(hex, s.first(close), escaped);
    }

    static std::optional<ChecksumManifest::Entry> entry(QByteArrayView hex, QByteArrayView name,
                                                        bool escaped) {
        ChecksumManifest::Entry result;
        if (escaped) {
            std::optional<QByteArray> plain = unescape(name);
            if (!plain)
                return std::nullopt;
            result.name = std::move(*plain);
        } else {
            result.name = name.toByteArray();
        }
        result.digest = QByteArray::fromHex(hex.toByteArray());
        return result;
    }

    HashAlgorithm m_algorithm;
    qsizetype m_hexLength;
    int m_reversed = -1; // -1 not known yet, 0 "HEX  NAME", 1 "HEX NAME"
};

} // namespace

QByteArray ChecksumManifest::formatLine(QByteArrayView digest, QByteArrayView name,
                                        HashAlgorithm algorithm, Style style) {
    const bool escape = name.contains('\\') || name.contains('\n') || name.contains('\r');
    const QByteArray hex = digest.toByteArray().toHex();
    QByteArray line;
    line.reserve(hex.size() + name.size() + 16);
    if (escape)
        line.append('\\');
    if (style == Style::Tagged) {
        line.append(hashAlgorithmTag(algorithm)).append(" (");
        appendEscaped(line, name, escape);
        line.append(") = ").append(hex);
    } else {
        line.append(hex).append("  ");
        appendEscaped(line, name, escape);
    }
    line.append('\n');
    return line;
}

QByteArray ChecksumManifest::formatCheckLine(QByteArrayView name, QByteArrayView status) {
    const bool escape = name.contains('\n');
    QByteArray line;
    if (escape)
        line.append('\\');
    appendEscaped(line, name, escape);
    line.append(": ").append(status);
    return line;
}

std::optional<HashAlgorithm> ChecksumManifest::detectAlgorithm(QByteArrayView data,
                                                               const QString &fileName) {
    std::optional<HashAlgorithm> found;
    forEachChecksumLine(data, [&](QByteArrayView line, int) {
        for (HashAlgorithm candidate :
             {HashAlgorithm::Sha256, HashAlgorithm::Sha512, HashAlgorithm::Sha1, HashAlgorithm::Md5,
              HashAlgorithm::Blake2b}) {
            // A fresh parser: whether the line is of the BSD reversed form
            // matters only for the lines after it.
            if (LineParser(candidate).parse(line)) {
                found = candidate;
                break;
            }
        }
        // Only an untagged line of 128 digits fits two: the tags differ.
        if (found == HashAlgorithm::Sha512 && LineParser(HashAlgorithm::Blake2b).parse(line))
            found = algorithmForLongDigests(fileName);
        return !found;
    });
    return found;
}

HashAlgorithm ChecksumManifest::algorithmForLongDigests(const QString &fileName) {
    const QString name = QFileInfo(fileName).fileName().toLower();
    if (name.contains(QLatin1StringView("sha512")))
        return HashAlgorithm::Sha512;
    const bool blake =
        name.startsWith(QLatin1StringView("b2sum")) || name.contains(QLatin1StringView("blake2")) ||
        name.endsWith(QLatin1StringView(".b2")) || name.endsWith(QLatin1StringView(".b2sum")) ||
        name.endsWith(QLatin1StringView(".b2sums"));
    return blake ? HashAlgorithm::Blake2b : HashAlgorithm::Sha512;
}

ChecksumManifest::Parsed ChecksumManifest::parse(QByteArrayView data, HashAlgorithm algorithm) {
    Parsed parsed;
    LineParser parser(algorithm);
    forEachChecksumLine(data, [&](QByteArrayView line, int number) {
        std::optional<Entry> entry = parser.parse(line);
        if (entry) {
            entry->line = number;
            parsed.entries.append(std::move(*entry));
        } else {
            parsed.malformedLines.append(number);
        }
        return true;
    });
    return parsed;
}

bool ChecksumManifest::isCheckLine(QStringView line) {
    return line.endsWith(QLatin1StringView(": OK")) ||
           line.endsWith(QLatin1StringView(": FAILED")) ||
           line.endsWith(QLatin1StringView(": FAILED open or read"));
}
