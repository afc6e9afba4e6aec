#include "imageconverter.h"

#include "atomicoutputfile.h"
#include "readablefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>

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

ImageConverter::Outcome ImageConverter::convert(const QString &source, const QString &destination,
                                                JobContext *context) const {
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
    if (stored.isValid()) {
        const QSize fitted =
            swapsAxes ? fittedSize(stored.transposed(), m_options.maxWidth, m_options.maxHeight)
                            .transposed()
                      : fittedSize(stored, m_options.maxWidth, m_options.maxHeight);
        if (fitted != stored)
            reader.setScaledSize(fitted);
    }
    QImage image = reader.read();
    if (image.isNull()) {
        return skipped(
            QStringLiteral("corrupt or unreadable %1 image: %2")
                .arg(QString::fromLatin1(sourceFormat), lowerFirst(reader.errorString())));
    }
    // Formats that cannot tell their size up front are scaled here.
    const QSize fitted = fittedSize(image.size(), m_options.maxWidth, m_options.maxHeight);
    if (fitted != image.size())
        image = image.scaled(fitted, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return write(image, format, destination, context);
}

ImageConverter::Outcome ImageConverter::write(const QImage &image, const QByteArray &format,
                                              const QString &destination,
                                              JobContext *context) const {
    const QString folder = QFileInfo(destination).absolutePath();
    if (!QDir().mkpath(folder))
        return skipped(QStringLiteral("cannot create the folder %1").arg(folder));
    AtomicOutputFile output(context, destination);
    if (const Status opened = output.open(); !opened)
        return skipped(opened.error());
    QImageWriter writer(output.device(), format);
    if (format == "jpeg" || format == "webp")
        writer.setQuality(m_options.quality);
    if (!writer.write(image)) {
        output.discard();
        return skipped(QStringLiteral("cannot write %1: %2")
                           .arg(destination, lowerFirst(writer.errorString())));
    }
    const qint64 bytes = output.device()->size();
    if (const Status committed = output.commit(); !committed)
        return skipped(committed.error());
    Outcome outcome;
    outcome.converted = true;
    outcome.bytesWritten = bytes;
    outcome.size = image.size();
    return outcome;
}
