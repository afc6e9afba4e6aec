// taskdeck_screenshot: the README's screenshot, taken from the real MainWindow over
// a real JobQueue running real jobs (hash, copy with verify, a command with a log,
// a failed command, a scheduled job) on data it makes in a temporary folder.
//
//   scripts/screenshot [OUTPUT.png]     (runs this under Xvfb; see TOOLCHAIN.md)
//
// Settings go to the temporary folder too, so the shot never shows (or changes)
// the person's own window layout.
#include "appsettings.h"
#include "details/jobdetailspane.h"
#include "engine/jobqueue.h"
#include "jobtable/jobtableview.h"
#include "kinds/builtinkinds.h"
#include "mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

namespace {

void writeRandomFile(const QString &path, qint64 bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    QByteArray block(1 << 20, Qt::Uninitialized);
    for (qint64 written = 0; written < bytes; written += block.size()) {
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(block.data()),
                                              block.size() / 4);
        file.write(block);
    }
}

void writeSparseFile(const QString &path, qint64 bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.resize(bytes))
        qFatal("cannot write %s", qPrintable(path));
}

} // namespace

int main(int argc, char **argv) {
    QApplication app(argc, argv);
    const QString output = argc > 1 ? QString::fromLocal8Bit(argv[1])
                                    : QStringLiteral("resources/screenshots/main-window.png");
    QTemporaryDir temp;
    const QString photos = temp.filePath(QStringLiteral("Photos 2026"));
    QDir().mkpath(photos);
    for (int i = 0; i < 120; ++i)
        writeRandomFile(QStringLiteral("%1/IMG_%2.jpg").arg(photos).arg(4000 + i), 1 << 20);
    for (int i = 0; i < 4; ++i)
        writeSparseFile(QStringLiteral("%1/VID_%2.mov").arg(photos).arg(100 + i), qint64(2) << 30);
    const QString music = temp.filePath(QStringLiteral("Music"));
    QDir().mkpath(music);
    for (int i = 0; i < 20; ++i)
        writeRandomFile(QStringLiteral("%1/track%2.flac").arg(music).arg(i + 1), 1 << 20);
    const QString image = temp.filePath(QStringLiteral("debian-12.iso"));
    writeSparseFile(image, qint64(24) << 30);
    const QString backup = temp.filePath(QStringLiteral("backup-disk"));
    QDir().mkpath(backup);

    QSettings store(temp.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    AppSettings settings(&store);
    // Quitting closes the window, which would otherwise ask about the running jobs.
    settings.setCloseBehavior(AppSettings::CloseBehavior::CancelAndQuit);
    JobQueue queue(BuiltinKinds::registry());
    queue.setMaxRunning(4);
    queue.setGroupLimit(QStringLiteral("backup-disk"), 1);
    MainWindow window(&queue, &settings);
    window.resize(1180, 640);
    window.show();

    const auto add = [&](const QString &kind, const QVariantMap &params, const QString &title) {
        JobSpec spec;
        spec.kind = kind;
        spec.params = params;
        spec.title = title;
        const Expected<JobId> id = queue.add(spec);
        if (!id)
            qFatal("%s", qPrintable(id.error()));
        return *id;
    };
    add(QStringLiteral("hash"),
        {{QStringLiteral("paths"), QStringList{image}},
         {QStringLiteral("output"), image + QStringLiteral(".sha256")}},
        QStringLiteral("Checksum debian-12.iso"));
    const JobId encode =
        add(QStringLiteral("command"),
            {{QStringLiteral("program"), QStringLiteral("sh")},
             {QStringLiteral("arguments"),
              QStringList{QStringLiteral("-c"),
                          QStringLiteral("for i in $(seq 1 1000); do echo \"frame=$((i*48)) "
                                         "fps=48 speed=1.9x  encoding $((i/10))%\"; sleep 0.05; "
                                         "done")}},
             {QStringLiteral("progress"), QStringLiteral("percent")}},
            QStringLiteral("Encode holiday.mkv to AV1"));
    JobSpec photoCopy;
    photoCopy.kind = QStringLiteral("copy");
    photoCopy.params = {{QStringLiteral("sources"), QStringList{photos}},
                        {QStringLiteral("destination"), backup},
                        {QStringLiteral("verify"), true}};
    photoCopy.title = QStringLiteral("Copy Photos 2026 to backup disk (verify)");
    photoCopy.group = QStringLiteral("backup-disk");
    queue.add(photoCopy);
    add(QStringLiteral("command"),
        {{QStringLiteral("program"), QStringLiteral("sh")},
         {QStringLiteral("arguments"),
          QStringList{QStringLiteral("-c"),
                      QStringLiteral("echo 'ssh: connect to host nas port 22: No route to "
                                     "host' >&2; exit 255")}}},
        QStringLiteral("rsync Photos to nas"));
    JobSpec isoCopy;
    isoCopy.kind = QStringLiteral("copy");
    isoCopy.params = {{QStringLiteral("sources"), QStringList{image}},
                      {QStringLiteral("destination"), backup}};
    isoCopy.title = QStringLiteral("Copy debian-12.iso to backup disk");
    isoCopy.group = QStringLiteral("backup-disk");
    queue.add(isoCopy);
    add(QStringLiteral("hash"), {{QStringLiteral("paths"), QStringList{music}}},
        QStringLiteral("Hash Music"));
    JobSpec later;
    later.kind = QStringLiteral("hash");
    later.params = {{QStringLiteral("paths"), QStringList{backup}}};
    later.title = QStringLiteral("Verify nightly backup");
    later.notBefore = QDateTime::currentDateTimeUtc().addSecs(5 * 3600);
    queue.add(later);

    window.selectJob(encode);
    QTimer::singleShot(4000, &app, [&] {
        if (!window.grab().save(output))
            qFatal("cannot save %s", qPrintable(output));
        app.quit();
    });
    return QApplication::exec();
}
