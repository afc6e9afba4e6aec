#pragma once

#include "appsettings.h"
#include "uitestfixture.h"

#include <QSettings>
#include <QTemporaryDir>

#include <memory>

// UiTestFixture plus AppSettings over an ini file in a temporary folder, never
// the user's own settings.
class SettingsTestFixture : public UiTestFixture {
protected:
    QTemporaryDir temp;
    std::unique_ptr<QSettings> ini = openIni();
    AppSettings settings{ini.get()};

    QString iniPath() const { return temp.filePath(QStringLiteral("taskdeck.ini")); }
    std::unique_ptr<QSettings> openIni() const {
        return std::make_unique<QSettings>(iniPath(), QSettings::IniFormat);
    }
    // Queues a job that hashes a small file and succeeds.
    JobId addSucceedingJob(const QString &name) {
        const QString file = temp.filePath(name);
        QFile out(file);
        EXPECT_TRUE(out.open(QIODevice::WriteOnly));
        out.write("some bytes to hash\n");
        out.close();
        return add(QStringLiteral("hash"), name,
                   {{QStringLiteral("paths"), QStringList{file}},
                    {QStringLiteral("output"), file + QStringLiteral(".sha256")}});
    }
};
