#include "hashjobparams.h"

#include "checksummanifest.h"
#include "filehasher.h"
#include "readablefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

const QString pathsKey = QStringLiteral("paths");
const QString verifyKey = QStringLiteral("verify");
const QString algorithmKey = QStringLiteral("algorithm");
const QString outputKey = QStringLiteral("output");
const QString baseDirKey = QStringLiteral("base_dir");

Status failure(const QString &message) {
    return Status::failure(message);
}

Status errnoFailure(const QString &path, int error) {
    if (error == ENOENT)
        return failure(QStringLiteral("no such file or directory: %1").arg(path));
    return failure(
        QStringLiteral("cannot read %1: %2").arg(path, FileHasher::describeErrno(error)));
}

// Opening is the only faithful readability test: access() asks about the real
// user, and permissions are not the only reason a read may be refused. A file
// is opened as the job will open it (ReadableFile: a FIFO or a device is
// refused, and never blocks the caller, who may be the queue's thread).
Status checkReadable(const QString &path) {
    const QByteArray native = QFile::encodeName(path);
    struct stat info {};
    if (::stat(native.constData(), &info) != 0)
        return errnoFailure(path, errno);
    if (S_ISDIR(info.st_mode)) {
        DIR *dir = ::opendir(native.constData());
        if (!dir)
            return errnoFailure(path, errno);
        ::closedir(dir);
        return {};
    }
    const Expected<ReadableFile::Opened> opened = ReadableFile::open(native);
    return opened ? Status() : failure(opened.error());
}

Status checkWritableOutput(const QString &output) {
    const QFileInfo info(output);
    if (info.isDir())
        return failure(QStringLiteral("cannot write the manifest %1: it is a folder").arg(output));
    const QString folder = info.absolutePath();
    if (!QFileInfo(folder).isDir()) {
        return failure(QStringLiteral("cannot write the manifest %1: folder %2 does not exist")
                           .arg(output, folder));
    }
    // eaccess, not access: the effective user is the one that will write.
    if (::eaccess(QFile::encodeName(folder).constData(), W_OK | X_OK) != 0) {
        return failure(QStringLiteral("cannot write the manifest %1: folder %2 is not writable")
                           .arg(output, folder));
    }
    return {};
}

Expected<QString> stringParam(const QVariantMap &params, const QString &key) {
    const QVariant value = params.value(key);
    if (value.typeId() != QMetaType::QString && value.typeId() != QMetaType::QByteArray)
        return Expected<QString>::failure(QStringLiteral("%1 must be a text").arg(key));
    const QString text = value.toString();
    if (text.isEmpty())
        return Expected<QString>::failure(QStringLiteral("%1 is empty").arg(key));
    return text;
}

} // namespace

QString HashJobParams::resolve(const QString &path) const {
    if (QDir::isAbsolutePath(path))
        return path;
    return baseDir.endsWith(QLatin1Char('/')) ? baseDir + path : baseDir + QLatin1Char('/') + path;
}

Expected<HashJobParams> HashJobParams::fromMap(const QVariantMap &params) {
    using Result = Expected<HashJobParams>;
    for (auto it = params.cbegin(); it != params.cend(); ++it) {
        if (it.key() != pathsKey && it.key() != verifyKey && it.key() != algorithmKey &&
            it.key() != outputKey && it.key() != baseDirKey) {
            return Result::failure(QStringLiteral("unknown parameter '%1' for a hash job: use "
                                                  "paths, verify, algorithm, output or base_dir")
                                       .arg(it.key()));
        }
    }
    const bool hasPaths = params.contains(pathsKey);
    const bool hasVerify = params.contains(verifyKey);
    if (hasPaths && hasVerify) {
        return Result::failure(
            QStringLiteral("give either paths to hash or a manifest to verify, not both"));
    }
    if (!hasPaths && !hasVerify) {
        return Result::failure(
            QStringLiteral("nothing to do: give paths to hash or a manifest to verify"));
    }

    HashJobParams p;
    p.mode = hasPaths ? Mode::Hash : Mode::Verify;
    if (params.contains(algorithmKey)) {
        const QString name = params.value(algorithmKey).toString();
        p.algorithm = hashAlgorithmFromName(name);
        if (!p.algorithm) {
            return Result::failure(
                QStringLiteral("unknown algorithm '%1': use %2").arg(name, hashAlgorithmChoices()));
        }
    } else if (p.mode == Mode::Hash) {
        p.algorithm = HashAlgorithm::Sha256;
    }

    if (params.contains(baseDirKey)) {
        const Expected<QString> baseDir = stringParam(params, baseDirKey);
        if (!baseDir)
            return Result::failure(baseDir.error());
        if (!QDir::isAbsolutePath(*baseDir)) {
            return Result::failure(
                QStringLiteral("base_dir must be an absolute path: %1").arg(*baseDir));
        }
        p.baseDir = QDir::cleanPath(*baseDir);
    } else {
        p.baseDir = QDir::currentPath();
    }

    if (p.mode == Mode::Hash) {
        const QVariant value = params.value(pathsKey);
        const bool isList = value.typeId() == QMetaType::QStringList ||
                            value.typeId() == QMetaType::QVariantList ||
                            value.typeId() == QMetaType::QString;
        p.paths = value.toStringList();
        if (!isList || p.paths.isEmpty())
            return Result::failure(QStringLiteral("paths must list the files or folders to hash"));
        if (p.paths.contains(QString()))
            return Result::failure(QStringLiteral("paths must not contain an empty path"));
        if (params.contains(outputKey)) {
            const Expected<QString> output = stringParam(params, outputKey);
            if (!output)
                return Result::failure(output.error());
            p.output = QDir::cleanPath(p.resolve(*output));
        }
    } else {
        if (params.contains(outputKey)) {
            return Result::failure(
                QStringLiteral("output is for hashing; verifying a manifest writes no file"));
        }
        const Expected<QString> manifest = stringParam(params, verifyKey);
        if (!manifest)
            return Result::failure(manifest.error());
        p.manifest = QDir::cleanPath(p.resolve(*manifest));
        if (!params.contains(baseDirKey))
            p.baseDir = QFileInfo(p.manifest).absolutePath();
    }
    return p;
}

Status HashJobParams::check() {
    if (!QFileInfo(baseDir).isDir())
        return failure(QStringLiteral("base_dir is not a folder: %1").arg(baseDir));
    if (mode == Mode::Hash) {
        for (const QString &path : std::as_const(paths)) {
            if (Status status = checkReadable(resolve(path)); !status)
                return status;
        }
        return output.isEmpty() ? Status() : checkWritableOutput(output);
    }

    const QFileInfo info(manifest);
    if (info.isDir())
        return failure(QStringLiteral("%1 is a folder, not a checksum manifest").arg(manifest));
    if (!info.exists() && !info.isSymLink())
        return failure(QStringLiteral("no such file or directory: %1").arg(manifest));
    const Expected<QByteArray> read = readManifest(manifest);
    if (!read)
        return failure(read.error());
    const QByteArray &data = *read;
    if (!algorithm) {
        algorithm =
            ChecksumManifest::detectAlgorithm(data, manifest).value_or(HashAlgorithm::Sha256);
    }
    const auto entries = ChecksumManifest::parse(data, *algorithm, manifest);
    return entries ? Status() : failure(entries.error());
}

QVariantMap HashJobParams::toMap() const {
    QVariantMap map;
    if (mode == Mode::Hash) {
        map.insert(pathsKey, paths);
        if (!output.isEmpty())
            map.insert(outputKey, output);
    } else {
        map.insert(verifyKey, manifest);
    }
    if (algorithm)
        map.insert(algorithmKey, hashAlgorithmName(*algorithm));
    map.insert(baseDirKey, baseDir);
    return map;
}

Expected<QByteArray> HashJobParams::readManifest(const QString &path) {
    Expected<ReadableFile::Opened> opened = ReadableFile::open(path);
    if (!opened)
        return Expected<QByteArray>::failure(opened.error());
    QFile file;
    if (!file.open(opened->fd.get(), QIODevice::ReadOnly, QFileDevice::DontCloseHandle)) {
        return Expected<QByteArray>::failure(
            QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    }
    QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        return Expected<QByteArray>::failure(
            QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    }
    return data;
}
