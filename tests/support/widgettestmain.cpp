// main() for the widget tests: GoogleTest first, then a QApplication on the
// offscreen platform unless the caller chose one (QT_QPA_PLATFORM=xcb to watch).
//
// gtest_discover_tests runs the binary with --gtest_list_tests at build time,
// without the tests' environment: listing must not create a QApplication, which
// would abort there for want of a display.
#include <QApplication>
#include <QLocale>
#include <QSettings>
#include <QTemporaryDir>
#include <gtest/gtest.h>

int main(int argc, char **argv) {
    ::testing::InitGoogleTest(&argc, argv);
    if (GTEST_FLAG_GET(list_tests))
        return RUN_ALL_TESTS();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Expectations on formatted text ("1.5 MB") assume English number formatting.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication app(argc, argv);
    // Windows that keep their layout and preferences in QSettings() must not read or
    // write the person's own: each test run gets a fresh, empty settings folder.
    QTemporaryDir settingsDir;
    QCoreApplication::setOrganizationName(QStringLiteral("TaskdeckTests"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    return RUN_ALL_TESTS();
}
