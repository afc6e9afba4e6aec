#include "clientaddeach.h"

#include "base/lineplaceholders.h"
#include "clientaddcommand.h"
#include "kindcommandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

namespace {
QString tr(const char *text) {
    return QCoreApplication::translate("ClientAddEach", text);
}

const QString eachOption = QStringLiteral("--each");

} // namespace

std::optional<QStringList> ClientAddEach::withoutEach(const QStringList &arguments,
                                                      QString &source) {
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &word = arguments.at(i);
        if (word == QLatin1String("--"))
            break;
        if (word == eachOption && i + 1 < arguments.size()) {
            source = arguments.at(i + 1);
            QStringList rest = arguments;
            rest.remove(i, 2);
            return rest;
        }
        if (word.startsWith(eachOption + QLatin1Char('='))) {
            source = word.mid(eachOption.size() + 1);
            QStringList rest = arguments;
            rest.remove(i);
            return rest;
        }
    }
    return std::nullopt;
}

QStringList ClientAddEach::argumentsFor(const QStringList &templateArguments, const QString &line) {
    QStringList words = templateArguments;
    const bool named = std::any_of(words.cbegin(), words.cend(), LinePlaceholders::namesTheLine);
    // A line appended goes after "--", so one that begins with '-' is not
    // read as an option.
    if (!named && !words.contains(QStringLiteral("--")))
        words.append(QStringLiteral("--"));
    return LinePlaceholders::wordsFor(words, line);
}

Expected<QStringList> ClientAddEach::readLines(const QString &source) {
    using Result = Expected<QStringList>;
    const bool standardInput = source == QLatin1String("-");
    const QString shown = standardInput ? tr("standard input") : source;
    QFile file;
    if (standardInput) {
        if (!file.open(stdin, QIODevice::ReadOnly))
            return Result::failure(tr("--each: cannot read standard input"));
    } else {
        struct stat info {};
        if (::stat(QFile::encodeName(source).constData(), &info) != 0)
            return Result::failure(tr("--each: cannot read %1: %2")
                                       .arg(source, QString::fromLocal8Bit(std::strerror(errno))));
        if (S_ISDIR(info.st_mode))
            return Result::failure(tr("--each: %1 is a folder, not a file of lines").arg(source));
        if (S_ISCHR(info.st_mode) || S_ISBLK(info.st_mode))
            return Result::failure(tr("--each: %1 is a device, not a file of lines").arg(source));
        file.setFileName(source);
        if (!file.open(QIODevice::ReadOnly))
            return Result::failure(
                tr("--each: cannot read %1: %2").arg(source, file.errorString()));
    }
    QStringList lines;
    for (;;) {
        // Blocks until a line, the end, or an error: a pipe's writer sets the pace.
        QByteArray line = file.readLine();
        if (line.isEmpty())
            break;
        if (line.endsWith('\n'))
            line.chop(1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        if (lines.size() == maxLines)
            return Result::failure(
                tr("--each: %1 has more than %2 lines; split it").arg(shown).arg(maxLines));
        lines.append(QString::fromLocal8Bit(line));
    }
    if (file.error() != QFileDevice::NoError)
        return Result::failure(tr("--each: cannot read %1: %2").arg(shown, file.errorString()));
    if (lines.isEmpty())
        return Result::failure(tr("--each: %1 has no lines: no job to add").arg(shown));
    return lines;
}

Expected<QList<QJsonObject>> ClientAddEach::specs(const KindCommandLine &kind,
                                                  const QStringList &templateArguments,
                                                  const QString &source,
                                                  const QString &workingDir) {
    using Result = Expected<QList<QJsonObject>>;
    const Expected<QStringList> lines = readLines(source);
    if (!lines)
        return Result::failure(lines.error());
    const QString shown = source == QLatin1String("-") ? tr("standard input") : source;
    QList<QJsonObject> specs;
    specs.reserve(lines->size());
    for (qsizetype i = 0; i < lines->size(); ++i) {
        QCommandLineParser parser;
        kind.addOptions(parser);
        ClientAddCommand::addOptions(parser);
        // Taken by the whole command, not per line; accepted so the template parses.
        parser.addOption({QStringLiteral("data-dir"), QString(), QStringLiteral("DIR")});
        parser.addOption({QStringLiteral("json"), QString()});
        const QStringList arguments = argumentsFor(templateArguments, lines->at(i));
        const auto refused = [&](const QString &why) {
            return Result::failure(
                tr("line %1 of %2 (%3): %4").arg(i + 1).arg(shown, lines->at(i), why));
        };
        if (!parser.parse(QStringList{QStringLiteral("taskdeck")} + arguments))
            return refused(parser.errorText());
        const Expected<QJsonObject> spec = ClientAddCommand::spec(kind.kind(), parser, workingDir);
        if (!spec)
            return refused(spec.error());
        specs.append(*spec);
    }
    return specs;
}
