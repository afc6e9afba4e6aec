#include "kinds/images/imagesjobparams.h"

#include "kinds/common/inputcheck.h"

#include "base/readablefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageWriter>
#include <QtGlobal>

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

const QString pathsKey = QStringLiteral("paths");
const QString outputKey = QStringLiteral("output");
const QString maxWidthKey = QStringLiteral("max_width");
const QString maxHeightKey = QStringLiteral("max_height");
const QString formatKey = QStringLiteral("format");
const QString qualityKey = QStringLiteral("quality");
const QString baseDirKey = QStringLiteral("base_dir");

// The formats an images job offers, in the order menus show them.
const QStringList offeredFormats{QStringLiteral("jpeg"), QStringLiteral("png"),
                                 QStringLiteral("webp")};

Status failure(const QString &message) {
    return Status::failure(message);
}

// output and input are one file: the same inode when output exists (links
// followed), else the same cleaned absolute path.
bool isSameFile(const QString &output, const QString &input) {
    struct stat out {};
    struct stat in {};
    if (::stat(QFile::encodeName(output).constData(), &out) == 0)
        return ::stat(QFile::encodeName(input).constData(), &in) == 0 && out.st_dev == in.st_dev &&
               out.st_ino == in.st_ino;
    return QDir::cleanPath(output) == QDir::cleanPath(input);
}

Expected<QString> stringParam(const QVariantMap &params, const QString &key) {
    const QVariant value = params.value(key);
    if (value.typeId() != QMetaType::QString && value.typeId() != QMetaType::QByteArray)
        return Expected<QString>::failure(QStringLiteral("%1 must be a text").arg(key));
    return value.toString();
}

// An int parameter in [min, max]; absent gives fallback.
Expected<int> intParam(const QVariantMap &params, const QString &key, int min, int max,
                       int fallback, const QString &meaning) {
    if (!params.contains(key))
        return fallback;
    bool ok = false;
    const QVariant value = params.value(key);
    const int number = value.typeId() == QMetaType::Bool ? 0 : value.toInt(&ok);
    if (!ok || number < min || number > max) {
        return Expected<int>::failure(
            QStringLiteral("%1 must be %2, not '%3'").arg(key, meaning, value.toString()));
    }
    return number;
}

bool isInside(const QString &path, const QString &folder) {
    if (path == folder)
        return true;
    const QString prefix = folder.endsWith(QLatin1Char('/')) ? folder : folder + QLatin1Char('/');
    return path.startsWith(prefix);
}

} // namespace

QStringList ImagesJobParams::writableFormats() {
    const QList<QByteArray> supported = QImageWriter::supportedImageFormats();
    QStringList formats;
    for (const QString &format : offeredFormats) {
        if (supported.contains(format.toLatin1()))
            formats.append(format);
    }
    return formats;
}

QString ImagesJobParams::suffixFor(const QString &format) {
    return format == QLatin1String("jpeg") ? QStringLiteral("jpg") : format;
}

Expected<ImagesJobParams> ImagesJobParams::fromMap(const QVariantMap &params) {
    using Result = Expected<ImagesJobParams>;
    for (auto it = params.cbegin(); it != params.cend(); ++it) {
        static const QStringList known{pathsKey,  outputKey,  maxWidthKey, maxHeightKey,
                                       formatKey, qualityKey, baseDirKey};
        if (!known.contains(it.key())) {
            return Result::failure(
                QStringLiteral("unknown parameter '%1' for an images job: use %2")
                    .arg(it.key(), known.join(QStringLiteral(", "))));
        }
    }

    ImagesJobParams p;
    if (params.contains(baseDirKey)) {
        const Expected<QString> baseDir = stringParam(params, baseDirKey);
        if (!baseDir)
            return Result::failure(baseDir.error());
        if (!QDir::isAbsolutePath(*baseDir))
            return Result::failure(
                QStringLiteral("base_dir must be an absolute path: %1").arg(*baseDir));
        p.baseDir = QDir::cleanPath(*baseDir);
    } else {
        p.baseDir = QDir::currentPath();
    }
    const QDir base(p.baseDir);

    const QVariant pathsValue = params.value(pathsKey);
    const bool isList = pathsValue.typeId() == QMetaType::QStringList ||
                        pathsValue.typeId() == QMetaType::QVariantList ||
                        pathsValue.typeId() == QMetaType::QString;
    const QStringList paths = pathsValue.toStringList();
    if (!isList || paths.isEmpty())
        return Result::failure(QStringLiteral("paths must list the images or folders to convert"));
    for (const QString &path : paths) {
        if (path.isEmpty())
            return Result::failure(QStringLiteral("paths must not contain an empty path"));
        p.paths.append(QDir::cleanPath(base.absoluteFilePath(path)));
    }

    if (!params.contains(outputKey))
        return Result::failure(QStringLiteral("output must name the folder to write into"));
    const Expected<QString> output = stringParam(params, outputKey);
    if (!output)
        return Result::failure(output.error());
    if (output->isEmpty())
        return Result::failure(QStringLiteral("output must name the folder to write into"));
    p.output = QDir::cleanPath(base.absoluteFilePath(*output));

    const QString sizeMeaning = QStringLiteral("a number of pixels from 1 to 100000 (0: no limit)");
    const Expected<int> maxWidth = intParam(params, maxWidthKey, 0, 100000, 0, sizeMeaning);
    if (!maxWidth)
        return Result::failure(maxWidth.error());
    const Expected<int> maxHeight = intParam(params, maxHeightKey, 0, 100000, 0, sizeMeaning);
    if (!maxHeight)
        return Result::failure(maxHeight.error());
    p.maxWidth = *maxWidth;
    p.maxHeight = *maxHeight;

    const Expected<int> quality =
        intParam(params, qualityKey, 1, 100, 90, QStringLiteral("from 1 to 100"));
    if (!quality)
        return Result::failure(quality.error());
    p.quality = *quality;

    if (params.contains(formatKey)) {
        const Expected<QString> format = stringParam(params, formatKey);
        if (!format)
            return Result::failure(format.error());
        p.format = format->toLower();
        if (p.format == QLatin1String("jpg"))
            p.format = QStringLiteral("jpeg");
        if (!p.format.isEmpty() && !offeredFormats.contains(p.format)) {
            return Result::failure(QStringLiteral("unknown format '%1': use %2")
                                       .arg(*format, offeredFormats.join(QStringLiteral(", "))));
        }
        if (!p.format.isEmpty() && !writableFormats().contains(p.format)) {
            return Result::failure(
                QStringLiteral("format '%1' is not available: Qt has no image plugin that writes "
                               "it here (install qt6-image-formats-plugins); available: %2")
                    .arg(p.format, writableFormats().join(QStringLiteral(", "))));
        }
    }
    return p;
}

Status ImagesJobParams::check() const {
    if (!QFileInfo(baseDir).isDir())
        return failure(QStringLiteral("base_dir is not a folder: %1").arg(baseDir));
    for (const QString &path : paths) {
        if (Status status = InputCheck::readable(path, InputCheck::Mode::Read); !status)
            return status;
    }

    const QFileInfo outputInfo(output);
    QString writable = output; // the folder that must accept new files
    if (outputInfo.exists()) {
        if (!outputInfo.isDir())
            return failure(QStringLiteral("output %1 is a file; it must be a folder").arg(output));
    } else {
        writable = outputInfo.absolutePath();
        if (!QFileInfo(writable).isDir()) {
            return failure(QStringLiteral("cannot create the output folder %1: folder %2 does "
                                          "not exist")
                               .arg(output, writable));
        }
    }
    // eaccess, not access: the effective user is the one that will write.
    if (::eaccess(QFile::encodeName(writable).constData(), W_OK | X_OK) != 0) {
        return failure(QStringLiteral("cannot write to the output folder %1: %2 is not writable")
                           .arg(output, writable));
    }

    const QString canonicalOutput =
        outputInfo.exists()
            ? outputInfo.canonicalFilePath()
            : QDir(QFileInfo(writable).canonicalFilePath()).filePath(outputInfo.fileName());
    for (const QString &path : paths) {
        const QFileInfo source(path);
        if (source.isDir() && isInside(canonicalOutput, source.canonicalFilePath())) {
            return failure(
                QStringLiteral("the output folder %1 is inside the source folder %2: choose a "
                               "folder outside it")
                    .arg(output, path));
        }
    }
    return checkNoInputOverwritten();
}

Status ImagesJobParams::checkNoInputOverwritten() const {
    QStringList files;
    for (const QString &path : paths) {
        if (!QFileInfo(path).isDir())
            files.append(path);
    }
    for (const QString &file : std::as_const(files)) {
        const QString written = outputFor(QFileInfo(file).fileName());
        for (const QString &input : std::as_const(files)) {
            if (isSameFile(written, input)) {
                return failure(QStringLiteral("the output %1 would overwrite the input %2: choose "
                                              "another output folder")
                                   .arg(written, input));
            }
        }
    }
    return {};
}

QString ImagesJobParams::outputFor(const QString &relative) const {
    if (format.isEmpty())
        return output + QLatin1Char('/') + relative;
    const QFileInfo info(relative);
    QString base = info.suffix().isEmpty() ? info.fileName() : info.completeBaseName();
    if (base.isEmpty()) // ".jpg": a hidden file with only a suffix
        base = info.fileName();
    const QString folder =
        info.path() == QLatin1String(".") ? QString() : info.path() + QLatin1Char('/');
    return output + QLatin1Char('/') + folder + base + QLatin1Char('.') + suffixFor(format);
}

QList<JobField> ImagesJobParams::fields() {
    using Type = JobField::Type;
    return {
        {pathsKey, QT_TRANSLATE_NOOP("JobField", "Paths"), Type::Path},
        {baseDirKey, QT_TRANSLATE_NOOP("JobField", "Base folder"), Type::Path},
        {outputKey, QT_TRANSLATE_NOOP("JobField", "Output"), Type::Path},
        {formatKey, QT_TRANSLATE_NOOP("JobField", "Format"), Type::Text},
        {qualityKey, QT_TRANSLATE_NOOP("JobField", "Quality"), Type::Count},
        {maxWidthKey, QT_TRANSLATE_NOOP("JobField", "Largest width"), Type::Pixels},
        {maxHeightKey, QT_TRANSLATE_NOOP("JobField", "Largest height"), Type::Pixels},
    };
}

QStringList ImagesJobParams::keys() {
    return {pathsKey, outputKey, maxWidthKey, maxHeightKey, formatKey, qualityKey, baseDirKey};
}

QString ImagesJobParams::absolute(const QString &path) const {
    return path.isEmpty() ? QString() : QDir::cleanPath(QDir(baseDir).absoluteFilePath(path));
}

QVariantMap ImagesJobParams::toMap() const {
    return {{pathsKey, paths},         {outputKey, output}, {maxWidthKey, maxWidth},
            {maxHeightKey, maxHeight}, {formatKey, format}, {qualityKey, quality},
            {baseDirKey, baseDir}};
}
