#include "base/lineplaceholders.h"

namespace {
// Every placeholder, longest first where one begins like another.
struct Placeholder {
    QLatin1String token;
    QString (*value)(const QString &line);
};

QString baseName(const QString &line) {
    const qsizetype slash = line.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? line : line.mid(slash + 1);
}

// The extension is the base name's last ".suffix", unless the name starts with it.
QString withoutExtension(const QString &line) {
    const qsizetype dot = line.lastIndexOf(QLatin1Char('.'));
    const qsizetype slash = line.lastIndexOf(QLatin1Char('/'));
    return dot > slash + 1 ? line.left(dot) : line;
}

const Placeholder placeholders[] = {
    {QLatin1String("{}"), [](const QString &line) { return line; }},
    {QLatin1String("{.}"), withoutExtension},
    {QLatin1String("{/.}"), [](const QString &line) { return withoutExtension(baseName(line)); }},
    {QLatin1String("{//}"),
     [](const QString &line) {
         const qsizetype slash = line.lastIndexOf(QLatin1Char('/'));
         return slash < 0    ? QStringLiteral(".")
                : slash == 0 ? QStringLiteral("/")
                             : line.left(slash);
     }},
    {QLatin1String("{/}"), baseName},
};

} // namespace

QString LinePlaceholders::substitute(const QString &word, const QString &line) {
    QString result;
    qsizetype at = 0;
    while (at < word.size()) {
        const qsizetype brace = word.indexOf(QLatin1Char('{'), at);
        if (brace < 0)
            break;
        result += word.mid(at, brace - at);
        at = brace + 1;
        const QStringView rest = QStringView(word).mid(brace);
        for (const Placeholder &placeholder : placeholders) {
            if (rest.startsWith(placeholder.token)) {
                result += placeholder.value(line);
                at = brace + placeholder.token.size();
                break;
            }
        }
        if (at == brace + 1)
            result += QLatin1Char('{');
    }
    return result + word.mid(at);
}

bool LinePlaceholders::namesTheLine(const QString &word) {
    for (const Placeholder &placeholder : placeholders) {
        if (word.contains(placeholder.token))
            return true;
    }
    return false;
}

QStringList LinePlaceholders::wordsFor(const QStringList &words, const QString &line) {
    QStringList result;
    result.reserve(words.size() + 1);
    bool named = false;
    for (const QString &word : words) {
        named = named || namesTheLine(word);
        result.append(substitute(word, line));
    }
    if (!named)
        result.append(line);
    return result;
}
