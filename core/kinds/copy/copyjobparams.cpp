#include "kinds/copy/copyjobparams.h"

#include "base/readablefile.h"
#include "kinds/common/filehasher.h"
#include "kinds/common/inputcheck.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtGlobal>

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

const QString sourcesKey = QStringLiteral("sources");
const QString destinationKey = QStringLiteral("destination");
const QString verifyKey = QStringLiteral("verify");
const QString onConflictKey = QStringLiteral("on_conflict");
const QString baseDirKey = QStringLiteral("base_dir");

// cp's "'a' and 'a' are the same file": a source whose copy would land on
// itself (its own folder as the destination, or a hard link of it there).
Status checkNotItself(const QString &source, const QString &destination) {
    const QString target = QDir(destination).filePath(QFileInfo(source).fileName());
    struct stat from {};
    struct stat to {};
    if (::lstat(QFile::encodeName(source).constData(), &from) != 0 ||
        ::lstat(QFile::encodeName(target).constData(), &to) != 0)
        return {};
    if (from.st_dev != to.st_dev || from.st_ino != to.st_ino)
        return {};
    return Status::failure(
        QStringLiteral("cannot copy %1 to %2: they are the same file").arg(source, target));
}

QString withSlash(const QString &path) {
    return path.endsWith(QLatin1Char('/')) ? path : path + QLatin1Char('/');
}

} // namespace

QString CopyJobParams::conflictName(Conflict conflict) {
    switch (conflict) {
    case Conflict::Skip:
        return QStringLiteral("skip");
    case Conflict::Overwrite:
        return QStringLiteral("overwrite");
    case Conflict::Rename:
        return QStringLiteral("rename");
    }
    return {};
}

Expected<CopyJobParams::Conflict> CopyJobParams::conflictFromName(const QString &name) {
    for (const Conflict conflict : {Conflict::Skip, Conflict::Overwrite, Conflict::Rename}) {
        if (name == conflictName(conflict))
            return conflict;
    }
    return Expected<Conflict>::failure(
        QStringLiteral("unknown on_conflict '%1': use skip, overwrite or rename").arg(name));
}

QList<JobField> CopyJobParams::fields() {
    using Type = JobField::Type;
    return {
        {sourcesKey, QT_TRANSLATE_NOOP("JobField", "Sources"), Type::Path},
        {baseDirKey, QT_TRANSLATE_NOOP("JobField", "Base folder"), Type::Path},
        {destinationKey, QT_TRANSLATE_NOOP("JobField", "Destination"), Type::Path},
        {verifyKey, QT_TRANSLATE_NOOP("JobField", "Verify"), Type::Flag},
        {onConflictKey,
         QT_TRANSLATE_NOOP("JobField", "When a file exists"),
         Type::Choice,
         {{conflictName(Conflict::Skip), QT_TRANSLATE_NOOP("JobField", "Keep it, skip the copy")},
          {conflictName(Conflict::Rename),
           QT_TRANSLATE_NOOP("JobField", "Keep both, the copy renamed")},
          {conflictName(Conflict::Overwrite), QT_TRANSLATE_NOOP("JobField", "Replace it")}}},
    };
}

QStringList CopyJobParams::keys() {
    return {sourcesKey, destinationKey, verifyKey, onConflictKey, baseDirKey};
}

QString CopyJobParams::absolute(const QString &path) const {
    return path.isEmpty() ? QString() : QDir::cleanPath(QDir(baseDir).absoluteFilePath(path));
}

Expected<CopyJobParams> CopyJobParams::fromMap(const QVariantMap &params) {
    using Result = Expected<CopyJobParams>;
    for (auto it = params.cbegin(); it != params.cend(); ++it) {
        if (!keys().contains(it.key())) {
            return Result::failure(
                QStringLiteral("unknown parameter '%1' for a copy job: use sources, "
                               "destination, verify, on_conflict or base_dir")
                    .arg(it.key()));
        }
    }
    CopyJobParams p;
    if (params.contains(baseDirKey)) {
        const QString baseDir = params.value(baseDirKey).toString();
        if (!QDir::isAbsolutePath(baseDir))
            return Result::failure(
                QStringLiteral("base_dir must be an absolute path: %1").arg(baseDir));
        p.baseDir = QDir::cleanPath(baseDir);
    } else {
        p.baseDir = QDir::currentPath();
    }
    const QDir base(p.baseDir);

    const QVariant sources = params.value(sourcesKey);
    const bool isList = sources.typeId() == QMetaType::QStringList ||
                        sources.typeId() == QMetaType::QVariantList ||
                        sources.typeId() == QMetaType::QString;
    const QStringList given = sources.toStringList();
    if (!isList || given.isEmpty())
        return Result::failure(
            QStringLiteral("nothing to copy: sources must list the files or folders to copy"));
    for (const QString &source : given) {
        if (source.isEmpty())
            return Result::failure(QStringLiteral("sources must not contain an empty path"));
        p.sources.append(QDir::cleanPath(base.absoluteFilePath(source)));
    }

    const QString destination = params.value(destinationKey).toString();
    if (destination.isEmpty())
        return Result::failure(QStringLiteral("destination is missing: name the folder to "
                                              "copy into"));
    p.destination = QDir::cleanPath(base.absoluteFilePath(destination));

    if (params.contains(verifyKey)) {
        const QVariant verify = params.value(verifyKey);
        if (verify.typeId() != QMetaType::Bool)
            return Result::failure(QStringLiteral("verify must be true or false"));
        p.verify = verify.toBool();
    }
    if (params.contains(onConflictKey)) {
        const Expected<Conflict> conflict =
            conflictFromName(params.value(onConflictKey).toString());
        if (!conflict)
            return Result::failure(conflict.error());
        p.onConflict = conflict.value();
    }
    return p;
}

Status CopyJobParams::check() const {
    if (!QFileInfo(baseDir).isDir())
        return Status::failure(QStringLiteral("base_dir is not a folder: %1").arg(baseDir));
    for (const QString &source : sources) {
        if (Status status = InputCheck::readable(source, InputCheck::Mode::Copy); !status)
            return status;
    }

    // cp needs DEST_DIR to exist when it is given several sources; so do we, always.
    const QFileInfo destinationInfo(destination);
    if (!destinationInfo.exists())
        return Status::failure(
            QStringLiteral("destination folder does not exist: %1").arg(destination));
    if (!destinationInfo.isDir())
        return Status::failure(QStringLiteral("destination is not a folder: %1").arg(destination));
    // eaccess, not access: the effective user is the one that will write.
    if (::eaccess(QFile::encodeName(destination).constData(), W_OK | X_OK) != 0)
        return Status::failure(
            QStringLiteral("destination folder is not writable: %1").arg(destination));

    const QString canonicalDestination = withSlash(destinationInfo.canonicalFilePath());
    for (const QString &source : sources) {
        if (Status status = checkNotItself(source, destination); !status)
            return status;
        const QFileInfo info(source);
        if (info.isSymLink() || !info.isDir())
            continue;
        const QString canonicalSource = withSlash(info.canonicalFilePath());
        if (canonicalDestination.startsWith(canonicalSource))
            return Status::failure(QStringLiteral("cannot copy the folder %1 into itself: the "
                                                  "destination %2 is inside it")
                                       .arg(source, destination));
    }
    return {};
}

QVariantMap CopyJobParams::toMap() const {
    return {{sourcesKey, sources},
            {destinationKey, destination},
            {verifyKey, verify},
            {onConflictKey, conflictName(onConflict)},
            {baseDirKey, baseDir}};
}
