#pragma once

#include <QSize>
#include <QString>

class JobContext;
class QImage;

// Converts and/or scales one image file, as `mogrify -resize WxH> -format F`
// would: reads it with QImageReader (format decided from the content, EXIF
// orientation applied), fits it within the maximum size keeping its aspect
// ratio and never enlarging, and writes it with QImageWriter through an
// AtomicOutputFile (a temporary name beside the destination, tracked by the
// job, synced and renamed over the destination only once complete). The
// destination's folder is created.
//
// The source is opened with ReadableFile (never blocks; anything but a regular
// file, such as a FIFO or a link to /dev/zero put there after the job was
// queued, is refused naming it) and QImageReader reads that descriptor.
//
// Where the format allows it (JPEG), the image is decoded directly at the
// reduced size, which is much faster than decoding it whole and scaling.
//
// Stateless after construction: convert() may be called from several threads
// at once. Files that are not images or cannot be decoded are reported, not
// thrown.
class ImageConverter {
public:
    struct Options {
        int maxWidth = 0;  // 0: no limit
        int maxHeight = 0; // 0: no limit
        QString format;    // "jpeg", "png", "webp"; empty: the source's format
        int quality = 90;  // 1-100, for JPEG and WebP
    };
    struct Outcome {
        bool converted = false;
        QString reason; // why not, for a person: "not an image"; empty when converted
        qint64 bytesWritten = 0;
        QSize size; // of the written image
    };

    explicit ImageConverter(Options options);

    // context (may be null) tracks the temporary output file.
    Outcome convert(const QString &source, const QString &destination,
                    JobContext *context = nullptr) const;

    // The size an image of `size` gets within the limits (0: none), aspect
    // ratio kept, never larger than it was.
    static QSize fittedSize(QSize size, int maxWidth, int maxHeight);

private:
    Outcome write(const QImage &image, const QByteArray &format, const QString &destination,
                  JobContext *context) const;

    Options m_options;
};
