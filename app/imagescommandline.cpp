#include "imagescommandline.h"

#include "kinds/images/imagesjobparams.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

namespace {
QString tr(const char *text) {
    return QCoreApplication::translate("ImagesCommandLine", text);
}
} // namespace

QString ImagesCommandLine::kind() const {
    return ImagesJobParams::kindName();
}

QString ImagesCommandLine::synopsis() const {
    return QStringLiteral("images --output DIR [--max-size WxH] [--format jpeg|png|webp] "
                          "[--quality 1-100] PATH...");
}

void ImagesCommandLine::addOptions(QCommandLineParser &parser) const {
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                      tr("Write the images into DIR (created when its parent exists), keeping "
                         "the folders' layout."),
                      tr("DIR")});
    parser.addOption({{QStringLiteral("s"), QStringLiteral("max-size")},
                      tr("Fit every image within WxH pixels (e.g. 1600x1600, 1600x or x1200), "
                         "keeping its aspect ratio; smaller images are never enlarged."),
                      tr("WxH")});
    parser.addOption({{QStringLiteral("f"), QStringLiteral("format")},
                      tr("Write jpeg, png or webp (the suffix changes to match). Default: keep "
                         "each image's format."),
                      tr("format")});
    parser.addOption({{QStringLiteral("q"), QStringLiteral("quality")},
                      tr("JPEG and WebP quality, 1-100 (default 90)."),
                      tr("1-100")});
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 tr("Images and folders of images to convert."),
                                 QStringLiteral("PATH..."));
}

Expected<QSize> ImagesCommandLine::parseMaxSize(const QString &text) {
    static const QRegularExpression geometry(QStringLiteral("^(\\d*)(?:[xX](\\d*))?>?$"));
    const QRegularExpressionMatch match = geometry.match(text.trimmed());
    bool widthOk = true;
    bool heightOk = true;
    const int width = match.captured(1).isEmpty() ? 0 : match.captured(1).toInt(&widthOk);
    const int height = match.captured(2).isEmpty() ? 0 : match.captured(2).toInt(&heightOk);
    if (!match.hasMatch() || !widthOk || !heightOk || (width == 0 && height == 0)) {
        return Expected<QSize>::failure(
            tr("bad --max-size '%1': give WIDTHxHEIGHT in pixels, e.g. 1600x1200, 1600x or x1200")
                .arg(text));
    }
    return QSize(width, height);
}

Expected<QVariantMap> ImagesCommandLine::params(const QCommandLineParser &parser,
                                                const QString &workingDir) const {
    using Result = Expected<QVariantMap>;
    ImagesJobParams p;
    p.baseDir = workingDir;
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty())
        return Result::failure(tr("no PATH given: name the images or folders to convert"));
    for (const QString &path : paths)
        p.paths.append(p.absolute(path));
    if (!parser.isSet(QStringLiteral("output")))
        return Result::failure(tr("--output DIR is required: the folder to write the images into"));
    p.output = p.absolute(parser.value(QStringLiteral("output")));
    if (parser.isSet(QStringLiteral("max-size"))) {
        const Expected<QSize> size = parseMaxSize(parser.value(QStringLiteral("max-size")));
        if (!size)
            return Result::failure(size.error());
        p.maxWidth = size->width();
        p.maxHeight = size->height();
    }
    p.format = parser.value(QStringLiteral("format"));
    if (parser.isSet(QStringLiteral("quality"))) {
        bool ok = false;
        const QString text = parser.value(QStringLiteral("quality"));
        p.quality = text.toInt(&ok);
        if (!ok || p.quality < 1 || p.quality > 100)
            return Result::failure(tr("bad --quality '%1': give a number from 1 to 100").arg(text));
    }
    return p.toMap();
}
