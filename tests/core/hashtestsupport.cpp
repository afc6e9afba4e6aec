#include "hashtestsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>

#include <gtest/gtest.h>

#include <unistd.h>

ShellResult runShell(const QString &script, const QString &dir) {
    QProcess process;
    process.setWorkingDirectory(dir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script});
    ShellResult result;
    if (!process.waitForFinished(120000)) {
        ADD_FAILURE() << "shell script did not finish: " << script.toStdString();
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QByteArray shellQuote(const QByteArray &path) {
    QByteArray quoted = path;
    quoted.replace('\'', "'\\''");
    return '\'' + quoted + '\'';
}

void writeFile(const QByteArray &path, const QByteArray &data) {
    const QString name = QFile::decodeName(path);
    ASSERT_TRUE(QDir().mkpath(QFileInfo(name).absolutePath())) << path.toStdString();
    QFile file(name);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly)) << path.toStdString();
    ASSERT_EQ(file.write(data), data.size()) << path.toStdString();
}

QByteArray randomBytes(qsizetype size, quint32 seed) {
    QRandomGenerator generator(seed);
    QByteArray data(size, Qt::Uninitialized);
    const qsizetype words = size / qsizetype(sizeof(quint32));
    generator.fillRange(reinterpret_cast<quint32 *>(data.data()), words);
    for (qsizetype i = words * qsizetype(sizeof(quint32)); i < size; ++i)
        data[i] = char(generator.generate());
    return data;
}

AsUnprivilegedUser::AsUnprivilegedUser() {
    if (::geteuid() != 0)
        return;
    constexpr uid_t nobody = 65534;
    m_switched = ::setegid(nobody) == 0 && ::seteuid(nobody) == 0;
    EXPECT_TRUE(m_switched) << "could not switch to the user nobody";
}

AsUnprivilegedUser::~AsUnprivilegedUser() {
    if (!m_switched)
        return;
    // The real and saved user stay root, so root can be taken back.
    const bool restored = ::seteuid(0) == 0 && ::setegid(0) == 0;
    EXPECT_TRUE(restored);
}
