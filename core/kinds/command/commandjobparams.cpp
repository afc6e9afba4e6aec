#include "kinds/command/commandjobparams.h"

#include "kinds/command/progressparser.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtGlobal>

#include <cmath>
#include <optional>
#include <unistd.h>

namespace {

const QString programKey = QStringLiteral("program");
const QString argumentsKey = QStringLiteral("arguments");
const QString cwdKey = QStringLiteral("cwd");
const QString envKey = QStringLiteral("env");
const QString progressKey = QStringLiteral("progress");
const QString graceKey = QStringLiteral("grace_seconds");
const QString durationKey = QStringLiteral("duration_seconds");
const QString logFileKey = QStringLiteral("log_file");

bool isStringList(const QVariant &value) {
    return value.typeId() == QMetaType::QStringList || value.typeId() == QMetaType::QVariantList ||
           value.typeId() == QMetaType::QString;
}

bool isText(const QVariant &value) {
    return value.typeId() == QMetaType::QString || value.typeId() == QMetaType::QByteArray;
}

// A number, or a text holding one ("5", "2.5"): the CLI and JSON give either.
std::optional<double> number(const QVariant &value) {
    bool ok = false;
    const double result = value.toDouble(&ok);
    if (!ok || !std::isfinite(result))
        return std::nullopt;
    return result;
}

} // namespace

QList<JobField> CommandJobParams::fields() {
    using Type = JobField::Type;
    return {
        {programKey, QT_TRANSLATE_NOOP("JobField", "Program"), Type::Text},
        {argumentsKey, QT_TRANSLATE_NOOP("JobField", "Arguments"), Type::Text},
        {cwdKey, QT_TRANSLATE_NOOP("JobField", "Working folder"), Type::Path},
        {envKey, QT_TRANSLATE_NOOP("JobField", "Environment"), Type::Text},
        {progressKey, QT_TRANSLATE_NOOP("JobField", "Progress from output"), Type::Text},
        {durationKey, QT_TRANSLATE_NOOP("JobField", "Input duration"), Type::Seconds},
        {graceKey, QT_TRANSLATE_NOOP("JobField", "Time to stop before SIGKILL"), Type::Seconds},
        {logFileKey, QT_TRANSLATE_NOOP("JobField", "Log file"), Type::Path},
    };
}

QStringList CommandJobParams::keys() {
    return {programKey,  argumentsKey, cwdKey,      envKey,
            progressKey, graceKey,     durationKey, logFileKey};
}

Expected<double> CommandJobParams::graceSecondsFrom(const QVariant &value) {
    const std::optional<double> grace = number(value);
    if (!grace || *grace < 0) {
        return Expected<double>::failure(
            QStringLiteral("grace_seconds must be a number of seconds >= 0, not '%1'")
                .arg(value.toString()));
    }
    return *grace;
}

Expected<double> CommandJobParams::durationSecondsFrom(const QVariant &value) {
    const std::optional<double> duration = number(value);
    if (!duration || *duration <= 0) {
        return Expected<double>::failure(
            QStringLiteral("duration_seconds must be a number of seconds > 0, not '%1'")
                .arg(value.toString()));
    }
    return *duration;
}

Expected<CommandJobParams> CommandJobParams::fromMap(const QVariantMap &params) {
    using Result = Expected<CommandJobParams>;
    static const QStringList known = keys();
    for (auto it = params.cbegin(); it != params.cend(); ++it) {
        if (!known.contains(it.key())) {
            return Result::failure(
                QStringLiteral("unknown parameter '%1' for a command job: use %2")
                    .arg(it.key(), known.join(QStringLiteral(", "))));
        }
    }
    CommandJobParams p;
    const QVariant program = params.value(programKey);
    if (!isText(program) || program.toString().isEmpty())
        return Result::failure(QStringLiteral("program is missing: name the program to run"));
    p.program = program.toString();

    if (params.contains(argumentsKey)) {
        if (!isStringList(params.value(argumentsKey)))
            return Result::failure(QStringLiteral("arguments must be a list of texts"));
        p.arguments = params.value(argumentsKey).toStringList();
    }

    if (params.contains(cwdKey)) {
        const QVariant cwd = params.value(cwdKey);
        if (!isText(cwd) || cwd.toString().isEmpty())
            return Result::failure(QStringLiteral("cwd must name a folder"));
        if (!QDir::isAbsolutePath(cwd.toString())) {
            return Result::failure(
                QStringLiteral("cwd must be an absolute path: %1").arg(cwd.toString()));
        }
        p.cwd = QDir::cleanPath(cwd.toString());
    } else {
        p.cwd = QDir::currentPath();
    }
    // A path (not a bare name) is relative to the folder the program runs in.
    if (p.program.contains(QLatin1Char('/')))
        p.program = QDir::cleanPath(QDir(p.cwd).absoluteFilePath(p.program));

    if (params.contains(envKey)) {
        if (!isStringList(params.value(envKey)))
            return Result::failure(QStringLiteral("env must be a list of NAME=VALUE entries"));
        static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
        p.env = params.value(envKey).toStringList();
        for (const QString &entry : std::as_const(p.env)) {
            const qsizetype equals = entry.indexOf(QLatin1Char('='));
            if (equals <= 0 || !name.match(entry.left(equals)).hasMatch()) {
                return Result::failure(
                    QStringLiteral("env entry '%1' is not NAME=VALUE (NAME: letters, digits, _)")
                        .arg(entry));
            }
        }
    }

    if (params.contains(progressKey)) {
        p.progress = params.value(progressKey).toString();
        if (!ProgressParser::modes().contains(p.progress)) {
            return Result::failure(
                QStringLiteral("unknown progress mode '%1': use %2")
                    .arg(p.progress, ProgressParser::modes().join(QStringLiteral(", "))));
        }
    }

    if (params.contains(graceKey)) {
        const Expected<double> grace = graceSecondsFrom(params.value(graceKey));
        if (!grace)
            return Result::failure(grace.error());
        p.graceSeconds = grace.value();
    }
    if (params.contains(durationKey)) {
        const Expected<double> duration = durationSecondsFrom(params.value(durationKey));
        if (!duration)
            return Result::failure(duration.error());
        p.durationSeconds = duration.value();
    }
    if (params.contains(logFileKey)) {
        const QVariant logFile = params.value(logFileKey);
        if (!isText(logFile) || logFile.toString().isEmpty())
            return Result::failure(QStringLiteral("log_file must name a file"));
        p.logFile = QDir::cleanPath(QDir(p.cwd).absoluteFilePath(logFile.toString()));
    }
    return p;
}

Status CommandJobParams::check() const {
    const QFileInfo cwdInfo(cwd);
    if (!cwdInfo.exists())
        return Status::failure(QStringLiteral("working folder does not exist: %1").arg(cwd));
    if (!cwdInfo.isDir())
        return Status::failure(QStringLiteral("working folder is not a folder: %1").arg(cwd));

    if (program.contains(QLatin1Char('/'))) {
        const QFileInfo info(program);
        if (!info.exists())
            return Status::failure(QStringLiteral("no such program: %1").arg(program));
        if (info.isDir())
            return Status::failure(QStringLiteral("cannot run %1: it is a folder").arg(program));
        // eaccess: the effective user is the one that will exec.
        if (::eaccess(QFile::encodeName(program).constData(), X_OK) != 0)
            return Status::failure(QStringLiteral("cannot run %1: not executable").arg(program));
    } else if (QStandardPaths::findExecutable(program).isEmpty()) {
        return Status::failure(QStringLiteral("command not found: %1").arg(program));
    }

    if (!logFile.isEmpty()) {
        const QFileInfo info(logFile);
        if (info.isDir())
            return Status::failure(QStringLiteral("log_file is a folder: %1").arg(logFile));
        if (info.exists() && !info.isFile())
            return Status::failure(
                QStringLiteral("log_file is not a regular file (a FIFO or a device?): %1")
                    .arg(logFile));
        if (!QFileInfo(info.absolutePath()).isDir()) {
            return Status::failure(
                QStringLiteral("cannot write the log %1: folder %2 does not exist")
                    .arg(logFile, info.absolutePath()));
        }
    }
    return {};
}

QVariantMap CommandJobParams::toMap() const {
    QVariantMap map{{programKey, program}, {argumentsKey, arguments}, {cwdKey, cwd},
                    {envKey, env},         {progressKey, progress},   {graceKey, graceSeconds}};
    if (durationSeconds > 0)
        map.insert(durationKey, durationSeconds);
    if (!logFile.isEmpty())
        map.insert(logFileKey, logFile);
    return map;
}

QString CommandJobParams::shellQuote(const QString &word) {
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (plain.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString CommandJobParams::commandLine() const {
    QStringList words{shellQuote(program)};
    for (const QString &argument : arguments)
        words.append(shellQuote(argument));
    return words.join(QLatin1Char(' '));
}
