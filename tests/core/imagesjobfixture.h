#pragma once

// A JobQueue with the built-in kinds in a temporary folder, and helpers that
// make test images with QImage and read results back with QImageReader.
// Waits are on conditions with generous bounds, never sleeps.
#include "engine/jobqueue.h"
#include "kinds/builtinkinds.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QLocale>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

class ImagesJobFixture : public ::testing::Test {
protected:
    static constexpr int patienceMs = 120000;

    QTemporaryDir tmp;
    JobQueue queue{BuiltinKinds::registry()};

    void SetUp() override {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        ASSERT_TRUE(tmp.isValid());
        // Lets the tests that drop root's privileges in.
        QFile::setPermissions(tmp.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                              QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                              QFileDevice::ExeOther);
    }

    const JobKind &kind() const { return *queue.kinds().find(QStringLiteral("images")); }
    QString path(const QString &relative) const { return tmp.filePath(relative); }

    // A picture with a gradient and a marker in its top-left corner.
    static QImage picture(int width, int height) {
        QImage image(width, height, QImage::Format_RGB32);
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x)
                image.setPixel(x, y, qRgb(x * 255 / width, y * 255 / height, 128));
        }
        QPainter painter(&image);
        painter.fillRect(0, 0, qMax(1, width / 4), qMax(1, height / 4), Qt::red);
        return image;
    }
    static QByteArray encode(const QImage &image, const char *format) {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        EXPECT_TRUE(image.save(&buffer, format));
        return bytes;
    }
    // A JPEG whose EXIF orientation tag says "rotate 90° clockwise to view" (6):
    // an APP1 Exif segment, big-endian TIFF with one IFD entry, after SOI.
    static QByteArray jpegWithOrientation6(int width, int height) {
        const QByteArray jpeg = encode(picture(width, height), "jpeg");
        const QByteArray tiff = QByteArray("MM\x00\x2a\x00\x00\x00\x08", 8) +
                                QByteArray("\x00\x01", 2) +                         // one entry
                                QByteArray("\x01\x12\x00\x03\x00\x00\x00\x01", 8) + // SHORT x1
                                QByteArray("\x00\x06\x00\x00", 4) +                 // value 6
                                QByteArray("\x00\x00\x00\x00", 4);                  // no next IFD
        const QByteArray payload = QByteArray("Exif\x00\x00", 6) + tiff;
        const int length = int(payload.size()) + 2;
        QByteArray app1("\xff\xe1", 2);
        app1.append(char(length >> 8)).append(char(length & 0xff)).append(payload);
        return jpeg.left(2) + app1 + jpeg.mid(2);
    }
    void writeFile(const QString &relative, const QByteArray &bytes) const {
        const QString file = path(relative);
        ASSERT_TRUE(QDir().mkpath(QFileInfo(file).absolutePath()));
        QFile out(file);
        ASSERT_TRUE(out.open(QIODevice::WriteOnly));
        ASSERT_EQ(out.write(bytes), bytes.size());
    }
    void writeImage(const QString &relative, int width, int height, const char *format) const {
        writeFile(relative, encode(picture(width, height), format));
    }
    // Format and size as Qt reads them back from the file's content.
    struct Seen {
        QByteArray format;
        QSize size;
    };
    Seen seen(const QString &relative) const {
        QImageReader reader(path(relative));
        reader.setDecideFormatFromContent(true);
        const QByteArray format = reader.format(); // before read(): after, it is empty
        const QImage image = reader.read();
        return {image.isNull() ? QByteArray() : format, image.size()};
    }

    QVariantMap params(const QStringList &paths, const QVariantMap &more = {}) const {
        QVariantMap map{{QStringLiteral("paths"), paths},
                        {QStringLiteral("output"), QStringLiteral("out")},
                        {QStringLiteral("base_dir"), tmp.path()}};
        map.insert(more);
        return map;
    }
    JobId add(const QVariantMap &map) {
        JobSpec spec;
        spec.kind = QStringLiteral("images");
        spec.params = map;
        auto id = queue.add(spec);
        EXPECT_TRUE(id.ok()) << id.error().toStdString();
        return id.ok() ? *id : 0;
    }
    bool waitUntil(const std::function<bool()> &condition, int timeoutMs = patienceMs) {
        return QTest::qWaitFor(condition, timeoutMs);
    }
    JobSnapshot run(const QVariantMap &map) {
        const JobId id = add(map);
        EXPECT_TRUE(waitUntil([&] { return queue.job(id) && isFinished(queue.job(id)->state); }));
        return queue.job(id).value_or(JobSnapshot{});
    }
    QString validationError(const QVariantMap &map) const {
        const auto result = kind().validate(map);
        EXPECT_FALSE(result.ok()) << "accepted";
        return result.error();
    }
    QStringList skippedOf(const JobSnapshot &job) const {
        return job.result.details.value(QStringLiteral("skipped")).toStringList();
    }
};

inline void PrintTo(JobState state, std::ostream *os) {
    *os << jobStateName(state).toStdString();
}
