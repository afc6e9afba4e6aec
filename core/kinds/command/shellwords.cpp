#include "kinds/command/shellwords.h"

Expected<QStringList> ShellWords::split(const QString &commandLine) {
    enum class Quote { None, Single, Double };
    QStringList words;
    QString word;
    bool inWord = false; // distinguishes "" (an empty word) from no word
    Quote quote = Quote::None;
    for (qsizetype i = 0; i < commandLine.size(); ++i) {
        const QChar c = commandLine[i];
        if (quote == Quote::Single) {
            if (c == QLatin1Char('\''))
                quote = Quote::None;
            else
                word += c;
            continue;
        }
        if (quote == Quote::Double) {
            if (c == QLatin1Char('"')) {
                quote = Quote::None;
            } else if (c == QLatin1Char('\\') && i + 1 < commandLine.size() &&
                       QStringLiteral("\"\\$`\n").contains(commandLine[i + 1])) {
                word += commandLine[++i];
            } else {
                word += c;
            }
            continue;
        }
        if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n')) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
            continue;
        }
        inWord = true;
        if (c == QLatin1Char('\''))
            quote = Quote::Single;
        else if (c == QLatin1Char('"'))
            quote = Quote::Double;
        else if (c == QLatin1Char('\\')) {
            if (i + 1 == commandLine.size())
                return Expected<QStringList>::failure(
                    QStringLiteral("the command line ends with a lone backslash"));
            word += commandLine[++i];
        } else {
            word += c;
        }
    }
    if (quote != Quote::None) {
        return Expected<QStringList>::failure(
            QStringLiteral("the command line has an unterminated %1 quote")
                .arg(quote == Quote::Single ? QStringLiteral("single") : QStringLiteral("double")));
    }
    if (inWord)
        words.append(word);
    return words;
}
