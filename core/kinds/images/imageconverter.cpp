#include "kinds/images/imageconverter.h"

#include "base/readablefile.h"
#include "kinds/common/atomicoutputfile.h"
#include "kinds/images/jpegstream.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QLocale>
#include <QtMath>

#include <mutex>

namespace {

ImageConverter::Outcome skipped(const QString &reason) {
    ImageConverter::Outcome outcome;
    outcome.reason = reason;
    return outcome;
}

QString lowerFirst(QString text) {
    if (!text.isEmpty())
        text[0] = text[0].toLower();
    return text;
}

// ReadableFile says "cannot read PATH: REASON"; a skipped image's line starts
// with its path already.
QString withoutPath(QString error, const QString &path) {
    return error.replace(QStringLiteral("cannot read %1:").arg(path),
                         QStringLiteral("cannot read:"));
}

QString dataSize(qint64 bytes, int precision) {
    return QLocale().formattedDataSize(bytes, precision, QLocale::DataSizeSIFormat);
}

// QImageReader's allocation limit (128 MB by default in Qt 6.4, too little for
// a 48-megapixel photo) is one setting for the whole process, shared by the
// conversions that run at once, so it cannot be set per image: it is raised
// once to ImageConverter::maxDecodeBytes, and each image's own need is checked
// against that same ceiling before it is decoded (convert()). The limit then
// only guards the formats that cannot tell their size before decoding.
void raiseAllocationLimit() {
    static std::once_flag once;
    std::call_once(once, [] {
        const int ceilingMb = int(ImageConverter::maxDecodeBytes >> 20);
        const int current = QImageReader::allocationLimit();
        if (current != 0 && current < ceilingMb)
            QImageReader::setAllocationLimit(ceilingMb);
    });
}

} // namespace

ImageConverter::ImageConverter(Options options)
    : m_options(std::move(options)) {}

QSize ImageConverter::fittedSize(QSize size, int maxWidth, int maxHeight) {
    if (size.isEmpty())
        return size;
    const QSize box(maxWidth > 0 ? maxWidth : size.width(),
                    maxHeight > 0 ? maxHeight : size.height());
    if (size.width() <= box.width() && size.height() <= box.height())
        return size;
    // At least one pixel each way, however thin the image.
    return size.scaled(box, Qt::KeepAspectRatio).expandedTo(QSize(1, 1));
}

QSize ImageConverter::decodedSize(const QByteArray &format, bool scalesWhileDecoding, QSize stored,
                                  QSize scaled) {
    if (!scaled.isValid() || scaled.isEmpty() || stored.isEmpty() || !scalesWhileDecoding)
        return stored;
    if (format != "jpeg")
        return scaled;
    // As qjpeghandler.cpp: scale_num = qBound(1, qCeil(8 / f), 8) over 8, with
    // f the smaller of the two reduction factors; libjpeg rounds up.
    const double factor =
        qMin(double(stored.width()) / scaled.width(), double(stored.height()) / scaled.height());
    const int eighths = qBound(1, qCeil(8 / factor), 8);
    return QSize(int((qint64(stored.width()) * eighths + 7) / 8),
                 int((qint64(stored.height()) * eighths + 7) / 8));
}

ImageConverter::Outcome ImageConverter::convert(const QString &source, const QString &destination,
                                                JobContext *context) const {
    raiseAllocationLimit();
    const Expected<ReadableFile::Opened> opened = ReadableFile::open(source);
    if (!opened)
        return skipped(withoutPath(opened.error(), source));
    QFile input;
    if (!input.open(opened->fd.get(), QIODevice::ReadOnly, QFileDevice::DontCloseHandle))
        return skipped(QStringLiteral("cannot read: %1").arg(lowerFirst(input.errorString())));

    QImageReader reader(&input);
    reader.setDecideFormatFromContent(true);
    reader.setAutoTransform(true);
    const QByteArray sourceFormat = reader.format(); // empty: no plugin recognizes it
    if (sourceFormat.isEmpty())
        return skipped(QStringLiteral("not an image"));
    const QByteArray format =
        m_options.format.isEmpty() ? sourceFormat : m_options.format.toLatin1();
    if (!QImageWriter::supportedImageFormats().contains(format)) {
        return skipped(QStringLiteral("cannot write %1 images: choose a format (jpeg, png or webp)")
                           .arg(QString::fromLatin1(format)));
    }

    // The reader scales in the stored orientation; the EXIF transform comes after.
    const QSize stored = reader.size();
    const bool swapsAxes = reader.transformation() & QImageIOHandler::TransformationRotate90;
    QSize scaled;
    if (stored.isValid()) {
        const QSize fitted =
            swapsAxes ? fittedSize(stored.transposed(), m_options.maxWidth, m_options.maxHeight)
                            .transposed()
                      : fittedSize(stored, m_options.maxWidth, m_options.maxHeight);
        if (fitted != stored) {
            reader.setScaledSize(fitted);
            scaled = fitted;
        }
        const QSize decoded = decodedSize(
            sourceFormat, reader.supportsOption(QImageIOHandler::ScaledSize), stored, scaled);
        const int bits = QImage::toPixelFormat(reader.imageFormat()).bitsPerPixel();
        const qint64 needed =
            qint64(decoded.width()) * decoded.height() * (bits > 0 ? bits : 32) / 8;
        if (needed > maxDecodeBytes) {
            return skipped(QStringLiteral("too large to decode: %1x%2 would need %3, more than the "
                                          "%4 limit")
                               .arg(decoded.width())
                               .arg(decoded.height())
                               .arg(dataSize(needed, 1), dataSize(maxDecodeBytes, 0)));
        }
    }
    QImage image = reader.read();
    if (image.isNull()) {
        return skipped(
            QStringLiteral("corrupt or truncated %1 image: %2")
                .arg(QString::fromLatin1(sourceFormat), lowerFirst(reader.errorString())));
    }
    if (sourceFormat == "jpeg" && !JpegStream::isComplete(opened->fd.get())) {
        return skipped(QStringLiteral("corrupt or truncated jpeg image: its data ends before the "
                                      "end-of-image marker"));
    }
    // Formats that cannot tell their size up front are scaled here.
    const QSize fitted = fittedSize(image.size(), m_options.maxWidth, m_options.maxHeight);
    if (fitted != image.size())
        image = image.scaled(fitted, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return write(image, format, destination, context);
}

namespace {
ImageConverter::Outcome unwritten(const QString &reason) {
    ImageConverter::Outcome outcome;
    outcome.writeFailed = true;
    outcome.reason = reason;
    return outcome;
}
} // namespace

ImageConverter::Outcome ImageConverter::write(const QImage &image, const QByteArray &format,
                                              const QString &destination,
                                              JobContext *context) const {
    const QString folder = QFileInfo(destination).absolutePath();
    if (!QDir().mkpath(folder))
        return unwritten(QStringLiteral("cannot create the folder %1").arg(folder));
    AtomicOutputFile output(context, destination);
    if (const Status opened = output.open(); !opened)
        return unwritten(opened.error());
    QImageWriter writer(output.device(), format);
    if (format == "jpeg" || format == "webp")
        writer.setQuality(m_options.quality);
    if (!writer.write(image)) {
        output.discard();
        return unwritten(QStringLiteral("cannot write %1: %2")
                             .arg(destination, lowerFirst(writer.errorString())));
    }
    const qint64 bytes = output.device()->size();
    if (const Status committed = output.commit(); !committed)
        return unwritten(committed.error());
    Outcome outcome;
    outcome.converted = true;
    outcome.bytesWritten = bytes;
    outcome.size = image.size();
    return outcome;
}
