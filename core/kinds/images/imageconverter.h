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
// Memory: the bytes the decoded picture needs (its size at the scale actually
// decoded) are worked out from the header before decoding, and an image that
// would need more than maxDecodeBytes is refused as too large ("too large to
// decode: 50000x50000 would need 9.3 GB, more than the 1 GB limit"): a
// decompression bomb never gets its memory. An image that decodes only in
// part (a truncated JPEG, which Qt fills with grey without an error: see
// JpegStream) is refused as corrupt or truncated.
//
// Stateless after construction: convert() may be called from several threads
// at once. Files that are not images or cannot be decoded are reported, not
// thrown.
class ImageConverter {
public:
    // The most memory one decoded picture may take.
    static constexpr qint64 maxDecodeBytes = qint64(1) << 30;

    struct Options {
        int maxWidth = 0;  // 0: no limit
        int maxHeight = 0; // 0: no limit
        QString format;    // "jpeg", "png", "webp"; empty: the source's format
        int quality = 90;  // 1-100, for JPEG and WebP
    };
    struct Outcome {
        bool converted = false;
        // The image was read but its output could not be written (a full disk,
        // a folder that cannot be made): the job fails, unlike for an input
        // that is no image, which is skipped.
        bool writeFailed = false;
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

    // The size a reader set up for `scaled` (invalid: not scaled) decodes an
    // image stored at `stored` to: libjpeg decodes JPEG at M/8 of its size
    // (M from 1 to 8, the smallest that is at least the wanted size, as Qt's
    // plugin picks it), other formats that scale while decoding at the wanted
    // size, the rest whole.
    static QSize decodedSize(const QByteArray &format, bool scalesWhileDecoding, QSize stored,
                             QSize scaled);

private:
    Outcome write(const QImage &image, const QByteArray &format, const QString &destination,
                  JobContext *context) const;

    Options m_options;
};
