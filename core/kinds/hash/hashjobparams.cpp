#include "kinds/hash/hashjobparams.h"

#include "base/readablefile.h"
#include "kinds/common/filehasher.h"
#include "kinds/common/inputcheck.h"
#include "kinds/hash/checksummanifest.h"

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

const QString pathsKey = QStringLiteral("paths");
const QString verifyKey = QStringLiteral("verify");
const QString algorithmKey = QStringLiteral("algorithm");
const QString outputKey = QStringLiteral("output");
const QString baseDirKey = QStringLiteral("base_dir");
const QString strictKey = QStringLiteral("strict");
const QString ignoreMissingKey = QStringLiteral("ignore_missing");
const QString quietKey = QStringLiteral("quiet");
const QString statusKey = QStringLiteral("status");
const QString warnKey = QStringLiteral("warn");

const QStringList knownKeys{pathsKey,  verifyKey,        algorithmKey, outputKey, baseDirKey,
                            strictKey, ignoreMissingKey, quietKey,     statusKey, warnKey};
const QStringList verifyOnlyKeys{strictKey, ignoreMissingKey, quietKey, statusKey, warnKey};

Status failure(const QString &message) {
    return Status::failure(message);
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

Status overwritesInput(const QString &output, const QString &input) {
    return failure(
        QStringLiteral("the manifest %1 would overwrite %2, which is being hashed: write it "
                       "elsewhere")
            .arg(output, input));
}

// The manifest must not replace a file it lists: an output that resolves
// (after symbolic links) to an input file (same st_dev and st_ino, so a hard
// link counts too), or to a file below an input folder, which the scan will
// list. One that does not exist yet is compared by its cleaned absolute path.
// output is absolute and clean; inputs are absolute.
Status checkOutputIsNoInput(const QString &output, const QStringList &inputs) {
    struct stat outputInfo {};
    if (::stat(QFile::encodeName(output).constData(), &outputInfo) != 0) {
        for (const QString &input : inputs) {
            if (QDir::cleanPath(input) == output)
                return overwritesInput(output, input);
        }
        return {};
    }
    const QString realOutput = QFileInfo(output).canonicalFilePath();
    for (const QString &input : inputs) {
        struct stat inputInfo {};
        if (::stat(QFile::encodeName(input).constData(), &inputInfo) != 0)
            continue; // the readability check named it
        if (!S_ISDIR(inputInfo.st_mode)) {
            if (inputInfo.st_dev == outputInfo.st_dev && inputInfo.st_ino == outputInfo.st_ino)
                return overwritesInput(output, input);
            continue;
        }
        const QString folder = QFileInfo(input).canonicalFilePath();
        if (!folder.isEmpty() && !realOutput.isEmpty() &&
            realOutput.startsWith(folder.endsWith(QLatin1Char('/')) ? folder
                                                                    : folder + QLatin1Char('/'))) {
            return failure(QStringLiteral("the manifest %1 would overwrite %2, which is being "
                                          "hashed as part of %3: write it elsewhere")
                               .arg(output, realOutput, input));
        }
    }
    return {};
}

Expected<bool> boolParam(const QVariantMap &params, const QString &key) {
    const QVariant value = params.value(key, false);
    if (value.typeId() != QMetaType::Bool)
        return Expected<bool>::failure(QStringLiteral("%1 must be true or false").arg(key));
    return value.toBool();
}

// The verify options, as sha256sum -c takes them.
Status readCheckOptions(const QVariantMap &params, HashJobParams &p) {
    const Expected<bool> strict = boolParam(params, strictKey);
    const Expected<bool> ignoreMissing = boolParam(params, ignoreMissingKey);
    if (!strict || !ignoreMissing)
        return failure(!strict ? strict.error() : ignoreMissing.error());
    p.strict = *strict;
    p.ignoreMissing = *ignoreMissing;
    int outputs = 0;
    for (const auto &[key, output] : {std::pair{quietKey, HashJobParams::CheckOutput::Quiet},
                                      std::pair{statusKey, HashJobParams::CheckOutput::Status},
                                      std::pair{warnKey, HashJobParams::CheckOutput::Warn}}) {
        const Expected<bool> set = boolParam(params, key);
        if (!set)
            return failure(set.error());
        if (*set) {
            p.checkOutput = output;
            ++outputs;
        }
    }
    if (outputs > 1)
        return failure(QStringLiteral("quiet, status and warn exclude each other: give one"));
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

// The paths and the output, p.baseDir already set.
Status readHashParams(const QVariantMap &params, HashJobParams &p) {
    const QVariant value = params.value(pathsKey);
    const bool isList = value.typeId() == QMetaType::QStringList ||
                        value.typeId() == QMetaType::QVariantList ||
                        value.typeId() == QMetaType::QString;
    p.paths = value.toStringList();
    if (!isList || p.paths.isEmpty())
        return failure(QStringLiteral("paths must list the files or folders to hash"));
    if (p.paths.contains(QString()))
        return failure(QStringLiteral("paths must not contain an empty path"));
    if (params.contains(outputKey)) {
        const Expected<QString> output = stringParam(params, outputKey);
        if (!output)
            return failure(output.error());
        p.output = QDir::cleanPath(p.resolve(*output));
    }
    for (const QString &key : verifyOnlyKeys) {
        if (params.contains(key))
            return failure(
                QStringLiteral("%1 is for verifying a manifest, not for hashing").arg(key));
    }
    return {};
}

// The manifest and sha256sum's options, p.baseDir already set.
Status readVerifyParams(const QVariantMap &params, HashJobParams &p) {
    if (params.contains(outputKey))
        return failure(
            QStringLiteral("output is for hashing; verifying a manifest writes no file"));
    const Expected<QString> manifest = stringParam(params, verifyKey);
    if (!manifest)
        return failure(manifest.error());
    p.manifest = QDir::cleanPath(p.resolve(*manifest));
    if (!params.contains(baseDirKey))
        p.baseDir = QFileInfo(p.manifest).absolutePath();
    return readCheckOptions(params, p);
}

} // namespace

QString HashJobParams::resolve(const QString &path) const {
    if (QDir::isAbsolutePath(path))
        return path;
    return baseDir.endsWith(QLatin1Char('/')) ? baseDir + path : baseDir + QLatin1Char('/') + path;
}

QList<JobField> HashJobParams::fields() {
    using Type = JobField::Type;
    return {
        {pathsKey, QT_TRANSLATE_NOOP("JobField", "Paths"), Type::Path},
        {baseDirKey, QT_TRANSLATE_NOOP("JobField", "Base folder"), Type::Path},
        {outputKey, QT_TRANSLATE_NOOP("JobField", "Output"), Type::Path},
        {algorithmKey, QT_TRANSLATE_NOOP("JobField", "Algorithm"), Type::Text},
        {verifyKey, QT_TRANSLATE_NOOP("JobField", "Verify"), Type::Path},
        {strictKey, QT_TRANSLATE_NOOP("JobField", "Strict"), Type::Flag},
        {ignoreMissingKey, QT_TRANSLATE_NOOP("JobField", "Ignore missing files"), Type::Flag},
        {quietKey, QT_TRANSLATE_NOOP("JobField", "Quiet"), Type::Flag},
        {statusKey, QT_TRANSLATE_NOOP("JobField", "Status only"), Type::Flag},
        {warnKey, QT_TRANSLATE_NOOP("JobField", "Warn"), Type::Flag},
    };
}

QStringList HashJobParams::keys() {
    return knownKeys;
}

QStringList HashJobParams::verifyOptionKeys() {
    return verifyOnlyKeys;
}

Expected<HashAlgorithm> HashJobParams::algorithmFromName(const QString &name) {
    if (const std::optional<HashAlgorithm> algorithm = hashAlgorithmFromName(name))
        return *algorithm;
    return Expected<HashAlgorithm>::failure(
        QStringLiteral("unknown algorithm '%1': use %2").arg(name, hashAlgorithmChoices()));
}

Expected<HashJobParams> HashJobParams::fromMap(const QVariantMap &params) {
    using Result = Expected<HashJobParams>;
    for (auto it = params.cbegin(); it != params.cend(); ++it) {
        if (!knownKeys.contains(it.key())) {
            return Result::failure(QStringLiteral("unknown parameter '%1' for a hash job: use "
                                                  "paths, verify, algorithm, output, base_dir, "
                                                  "strict, ignore_missing, quiet, status or warn")
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
        const Expected<HashAlgorithm> algorithm =
            algorithmFromName(params.value(algorithmKey).toString());
        if (!algorithm)
            return Result::failure(algorithm.error());
        p.algorithm = algorithm.value();
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

    const Status status =
        p.mode == Mode::Hash ? readHashParams(params, p) : readVerifyParams(params, p);
    if (!status)
        return Result::failure(status.error());
    return p;
}

Status HashJobParams::check() {
    if (!QFileInfo(baseDir).isDir())
        return failure(QStringLiteral("base_dir is not a folder: %1").arg(baseDir));
    if (mode == Mode::Hash) {
        QStringList inputs;
        for (const QString &path : std::as_const(paths)) {
            inputs.append(resolve(path));
            if (Status status = InputCheck::readable(inputs.last(), InputCheck::Mode::Read);
                !status)
                return status;
        }
        if (output.isEmpty())
            return {};
        if (Status status = checkWritableOutput(output); !status)
            return status;
        return checkOutputIsNoInput(output, inputs);
    }

    const QFileInfo info(manifest);
    if (info.isDir())
        return failure(QStringLiteral("%1 is a folder, not a checksum manifest").arg(manifest));
    if (!info.exists() && !info.isSymLink())
        return failure(QStringLiteral("no such file or directory: %1").arg(manifest));
    const Expected<QByteArray> read = readManifest(manifest);
    if (!read)
        return failure(read.error());
    // No line telling it: the run judges the manifest as sha256sum -c would.
    if (!algorithm)
        algorithm = ChecksumManifest::detectAlgorithm(*read, manifest);
    return {};
}

QVariantMap HashJobParams::toMap() const {
    QVariantMap map;
    if (mode == Mode::Hash) {
        map.insert(pathsKey, paths);
        if (!output.isEmpty())
            map.insert(outputKey, output);
    } else {
        map.insert(verifyKey, manifest);
        if (strict)
            map.insert(strictKey, true);
        if (ignoreMissing)
            map.insert(ignoreMissingKey, true);
        if (checkOutput == CheckOutput::Quiet)
            map.insert(quietKey, true);
        else if (checkOutput == CheckOutput::Status)
            map.insert(statusKey, true);
        else if (checkOutput == CheckOutput::Warn)
            map.insert(warnKey, true);
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
