// main() for the core tests: a QCoreApplication so queued signals, timers and
// QSignalSpy::wait work, then every GoogleTest test.
#include <QCoreApplication>
#include <gtest/gtest.h>

int main(int argc, char **argv) {
    ::testing::InitGoogleTest(&argc, argv);
    QCoreApplication app(argc, argv);
    return RUN_ALL_TESTS();
}
