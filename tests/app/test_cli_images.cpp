// `taskdeck run images` as a person or a script uses it: the real binary,
// real images, read back with Qt; bad arguments with the message they get.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QProcess>
#include <QTemporaryDir>
#include <gtest/gtest.h>

namespace {
struct Outcome {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Outcome run(const QStringList &arguments, const QString &workingDir) {
    QProcess process;
    process.setWorkingDirectory(workingDir);
    // `taskdeck run` needs no display: make sure nothing tries one.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(TASKDECK_BINARY),
                  QStringList{QStringLiteral("run"), QStringLiteral("images")} + arguments);
    process.closeWriteChannel();
    EXPECT_TRUE(process.waitForFinished(120000));
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

QImage picture(int width, int height) {
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(qRgb(10, 120, 200));
    return image;
}
} // namespace

class ImagesCommandLine : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(dir.isValid());
        ASSERT_TRUE(QDir().mkpath(path(QStringLiteral("photos/sub"))));
        ASSERT_TRUE(picture(800, 600).save(path(QStringLiteral("photos/a.jpg")), "jpeg"));
        ASSERT_TRUE(picture(300, 900).save(path(QStringLiteral("photos/sub/b.png")), "png"));
        QFile text(path(QStringLiteral("photos/readme.txt")));
        ASSERT_TRUE(text.open(QIODevice::WriteOnly));
        text.write("not an image\n");
    }
    QString path(const QString &relative) const { return dir.filePath(relative); }
    QSize sizeOf(const QString &relative, QByteArray *format = nullptr) const {
        QImageReader reader(path(relative));
        reader.setDecideFormatFromContent(true);
        if (format)
            *format = reader.format();
        return reader.read().size();
    }
    QTemporaryDir dir;
};

TEST_F(ImagesCommandLine, ConvertsAndScalesAFolderAndNamesTheSkippedFiles) {
    const Outcome result =
        run({QStringLiteral("--output"), QStringLiteral("small"), QStringLiteral("--max-size"),
             QStringLiteral("400x400"), QStringLiteral("--format"), QStringLiteral("png"),
             QStringLiteral("photos")},
            dir.path());
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    QByteArray format;
    EXPECT_EQ(sizeOf(QStringLiteral("small/a.png"), &format), QSize(400, 300));
    EXPECT_EQ(format, "png");
    EXPECT_EQ(sizeOf(QStringLiteral("small/sub/b.png")), QSize(133, 400));
    EXPECT_FALSE(QFile::exists(path(QStringLiteral("small/readme.png"))));
    EXPECT_TRUE(result.err.contains(
        (path(QStringLiteral("photos/readme.txt")) + QStringLiteral(": not an image")).toUtf8()))
        << result.err.toStdString();
    EXPECT_TRUE(result.out.isEmpty());
}

TEST_F(ImagesCommandLine, KeepsTheFormatWhenNoneIsGiven) {
    const Outcome result = run({QStringLiteral("-o"), QStringLiteral("out"), QStringLiteral("-s"),
                                QStringLiteral("200x"), QStringLiteral("photos/a.jpg")},
                               dir.path());
    EXPECT_EQ(result.exitCode, 0) << result.err.toStdString();
    QByteArray format;
    EXPECT_EQ(sizeOf(QStringLiteral("out/a.jpg"), &format), QSize(200, 150));
    EXPECT_EQ(format, "jpeg");
}

TEST_F(ImagesCommandLine, FailsWithExitOneWhenNothingIsAnImage) {
    const Outcome result =
        run({QStringLiteral("-o"), QStringLiteral("out"), QStringLiteral("photos/readme.txt")},
            dir.path());
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_TRUE(result.err.contains("no image could be converted")) << result.err.toStdString();
}

TEST_F(ImagesCommandLine, AnOutputOverItsOwnInputIsRefusedWithExitTwoNamingBoth) {
    ASSERT_TRUE(QDir().mkpath(path(QStringLiteral("inplace"))));
    ASSERT_TRUE(picture(3000, 2000).save(path(QStringLiteral("inplace/photo.jpg")), "jpeg"));
    const Outcome result =
        run({QStringLiteral("--max-size"), QStringLiteral("800x800"), QStringLiteral("--output"),
             QStringLiteral("inplace"), QStringLiteral("inplace/photo.jpg")},
            dir.path());
    EXPECT_EQ(result.exitCode, 2) << result.err.toStdString();
    const QByteArray photo = QFile::encodeName(path(QStringLiteral("inplace/photo.jpg")));
    EXPECT_TRUE(result.err.contains("the output " + photo + " would overwrite the input " + photo))
        << result.err.toStdString();
    EXPECT_EQ(sizeOf(QStringLiteral("inplace/photo.jpg")), QSize(3000, 2000));
}

TEST_F(ImagesCommandLine, BadArgumentsExitTwoWithAMessageNamingThem) {
    struct Case {
        QStringList arguments;
        QByteArray message;
    };
    const QList<Case> cases{
        {{QStringLiteral("-o"), QStringLiteral("out"), QStringLiteral("--max-size"),
          QStringLiteral("big"), QStringLiteral("photos")},
         "bad --max-size 'big': give WIDTHxHEIGHT in pixels"},
        {{QStringLiteral("-o"), QStringLiteral("out"), QStringLiteral("--format"),
          QStringLiteral("bmpx"), QStringLiteral("photos")},
         "unknown format 'bmpx': use jpeg, png, webp"},
        {{QStringLiteral("-o"), QStringLiteral("out"), QStringLiteral("--quality"),
          QStringLiteral("0"), QStringLiteral("photos")},
         "bad --quality '0': give a number from 1 to 100"},
        {{QStringLiteral("photos")}, "--output DIR is required"},
        {{QStringLiteral("-o"), QStringLiteral("out")}, "no PATH given"},
        {{QStringLiteral("-o"), QStringLiteral("out"), QStringLiteral("missing.jpg")},
         "no such file or directory: " + QFile::encodeName(path(QStringLiteral("missing.jpg")))},
        {{QStringLiteral("-o"), QStringLiteral("photos/small"), QStringLiteral("photos")},
         "is inside the source folder"},
    };
    for (const Case &c : cases) {
        const Outcome result = run(c.arguments, dir.path());
        EXPECT_EQ(result.exitCode, 2) << c.arguments.join(' ').toStdString();
        EXPECT_TRUE(result.err.contains(c.message))
            << c.message.toStdString() << " in: " << result.err.toStdString();
    }
}
