#include "settingsdialog.h"

#include "instance/storesettings.h"
#include "settingstestfixture.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>

namespace {

using Behavior = AppSettings::CloseBehavior;

class SettingsDialogTest : public SettingsTestFixture {
protected:
    template <typename Widget>
    static Widget *control(QWidget *dialog, const QString &accessibleName) {
        const QList<Widget *> widgets = dialog->findChildren<Widget *>();
        for (Widget *widget : widgets) {
            if (widget->accessibleName() == accessibleName)
                return widget;
        }
        ADD_FAILURE() << "no control named " << accessibleName.toStdString();
        return nullptr;
    }
    static QSpinBox *maxParallel(QWidget *dialog) {
        return control<QSpinBox>(dialog, QStringLiteral("Maximum parallel jobs"));
    }
    static QTableWidget *groups(QWidget *dialog) {
        return control<QTableWidget>(dialog, QStringLiteral("Group limits"));
    }
    static QLabel *error(QWidget *dialog) {
        return control<QLabel>(dialog, QStringLiteral("Settings error"));
    }
    static void click(QDialog *dialog, QDialogButtonBox::StandardButton which) {
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(which), Qt::LeftButton);
    }
    // Types a group name into a new row the way a person does: Add, type, Enter.
    static void addGroupByKeyboard(QDialog *dialog, const QString &name) {
        QTest::mouseClick(control<QPushButton>(dialog, QStringLiteral("Add group limit")),
                          Qt::LeftButton);
        QTableWidget *table = groups(dialog);
        QLineEdit *editor = nullptr;
        ASSERT_TRUE(waitUntil([&] { return (editor = table->findChild<QLineEdit *>()); }));
        QTest::keyClicks(editor, name);
        QTest::keyClick(editor, Qt::Key_Return);
        // The delegate commits the edit from the event loop.
        const int row = table->rowCount() - 1;
        ASSERT_TRUE(waitUntil([&] { return table->item(row, 0)->text() == name; }));
    }
};

} // namespace

TEST_F(SettingsDialogTest, TheControlsStartFromTheSettings) {
    settings.setMaxParallelJobs(6);
    settings.setGroupLimits({{QStringLiteral("net"), 2}, {QStringLiteral("disk"), 1}});
    settings.setNotifyOnFailure(false);
    settings.setCloseBehavior(Behavior::PauseAndQuit);
    settings.setHistoryDays(0);

    SettingsDialog dialog(&settings, &queue);
    EXPECT_EQ(control<QComboBox>(&dialog, QStringLiteral("After a crash or restart"))
                  ->currentData()
                  .toInt(),
              int(RecoveryPolicy::ResumeSafeKinds)); // the default
    EXPECT_EQ(control<QSpinBox>(&dialog, QStringLiteral("Keep finished jobs for"))->text(),
              QStringLiteral("Forever"));
    EXPECT_EQ(maxParallel(&dialog)->value(), 6);
    const QList<std::pair<QString, int>> rows{{QStringLiteral("disk"), 1},
                                              {QStringLiteral("net"), 2}};
    EXPECT_EQ(dialog.groupRows(), rows);
    EXPECT_FALSE(
        control<QCheckBox>(&dialog, QStringLiteral("Notify when a job fails"))->isChecked());
    EXPECT_TRUE(control<QCheckBox>(&dialog, QStringLiteral("Notify when all jobs have finished"))
                    ->isChecked());
    EXPECT_EQ(
        control<QComboBox>(&dialog, QStringLiteral("When the window is closed while jobs run"))
            ->currentData()
            .toInt(),
        int(Behavior::PauseAndQuit));
}

TEST_F(SettingsDialogTest, OkWritesEveryControlAndAppliesThemToTheQueue) {
    SettingsDialog dialog(&settings, &queue);
    dialog.show();
    maxParallel(&dialog)->setValue(5);
    addGroupByKeyboard(&dialog, QStringLiteral("usb"));
    groups(&dialog)->item(0, 1)->setData(Qt::EditRole, 2);
    control<QCheckBox>(&dialog, QStringLiteral("Notify when a job fails"))->click();
    control<QCheckBox>(&dialog, QStringLiteral("Notify when all jobs have finished"))->click();
    QComboBox *close =
        control<QComboBox>(&dialog, QStringLiteral("When the window is closed while jobs run"));
    close->setCurrentIndex(close->findData(int(Behavior::CancelAndQuit)));
    QComboBox *recovery = control<QComboBox>(&dialog, QStringLiteral("After a crash or restart"));
    recovery->setCurrentIndex(recovery->findData(int(RecoveryPolicy::ResumeNothing)));
    control<QSpinBox>(&dialog, QStringLiteral("Keep finished jobs for"))->setValue(7);

    EXPECT_TRUE(dialog.validationError().isEmpty()) << dialog.validationError().toStdString();
    click(&dialog, QDialogButtonBox::Ok);

    EXPECT_EQ(dialog.result(), QDialog::Accepted);
    EXPECT_FALSE(dialog.isVisible());
    EXPECT_EQ(settings.maxParallelJobs(), 5);
    const QHash<QString, int> limits{{QStringLiteral("usb"), 2}};
    EXPECT_EQ(settings.groupLimits(), limits);
    EXPECT_FALSE(settings.notifyOnFailure());
    EXPECT_FALSE(settings.notifyWhenQueueEmpty());
    EXPECT_EQ(settings.closeBehavior(), Behavior::CancelAndQuit);
    EXPECT_EQ(settings.recoveryPolicy(), RecoveryPolicy::ResumeNothing);
    EXPECT_EQ(settings.historyDays(), 7);
    // The same keys `taskdeck --headless` reads.
    EXPECT_EQ(StoreSettings::recoveryPolicy(*settings.settings()), RecoveryPolicy::ResumeNothing);
    EXPECT_EQ(StoreSettings::historyDays(*settings.settings()), 7);
    EXPECT_EQ(queue.maxRunning(), 5);
    EXPECT_EQ(queue.groupLimit(QStringLiteral("usb")), 2);
}

TEST_F(SettingsDialogTest, CancelChangesNothing) {
    settings.setMaxParallelJobs(3);
    queue.setMaxRunning(3);
    QSignalSpy changed(&settings, &AppSettings::changed);
    SettingsDialog dialog(&settings, &queue);
    dialog.show();
    maxParallel(&dialog)->setValue(9);
    addGroupByKeyboard(&dialog, QStringLiteral("usb"));
    control<QCheckBox>(&dialog, QStringLiteral("Notify when a job fails"))->click();

    click(&dialog, QDialogButtonBox::Cancel);

    EXPECT_EQ(dialog.result(), QDialog::Rejected);
    EXPECT_EQ(changed.count(), 0);
    EXPECT_EQ(settings.maxParallelJobs(), 3);
    EXPECT_TRUE(settings.groupLimits().isEmpty());
    EXPECT_TRUE(settings.notifyOnFailure());
    EXPECT_EQ(queue.maxRunning(), 3);
    EXPECT_EQ(queue.groupLimit(QStringLiteral("usb")), 0);
}

TEST_F(SettingsDialogTest, OkRefusesABlankOrRepeatedGroupOrALimitBelowOne) {
    settings.setGroupLimits({{QStringLiteral("disk"), 1}});
    SettingsDialog dialog(&settings, &queue);
    dialog.show();
    QTableWidget *table = groups(&dialog);

    const auto expectRefused = [&](const char *why) {
        SCOPED_TRACE(why);
        click(&dialog, QDialogButtonBox::Ok);
        EXPECT_TRUE(dialog.isVisible());
        EXPECT_FALSE(dialog.validationError().isEmpty());
        EXPECT_EQ(error(&dialog)->text(), dialog.validationError());
        EXPECT_TRUE(error(&dialog)->isVisible());
        const QHash<QString, int> unchanged{{QStringLiteral("disk"), 1}};
        EXPECT_EQ(settings.groupLimits(), unchanged);
    };

    const int row = dialog.addGroupRow(); // blank name
    expectRefused("blank name");
    EXPECT_EQ(table->currentRow(), row);

    table->item(row, 0)->setText(QStringLiteral("disk"));
    expectRefused("repeated name");
    EXPECT_TRUE(dialog.validationError().contains(QStringLiteral("disk")));

    table->item(row, 0)->setText(QStringLiteral("net"));
    table->item(row, 1)->setData(Qt::EditRole, 0);
    expectRefused("limit 0");

    table->item(row, 1)->setData(Qt::EditRole, 3);
    EXPECT_TRUE(dialog.validationError().isEmpty());
    click(&dialog, QDialogButtonBox::Ok);
    EXPECT_EQ(dialog.result(), QDialog::Accepted);
    const QHash<QString, int> both{{QStringLiteral("disk"), 1}, {QStringLiteral("net"), 3}};
    EXPECT_EQ(settings.groupLimits(), both);
}

TEST_F(SettingsDialogTest, RemoveDeletesTheSelectedGroupRows) {
    settings.setGroupLimits(
        {{QStringLiteral("a"), 1}, {QStringLiteral("b"), 2}, {QStringLiteral("c"), 3}});
    SettingsDialog dialog(&settings, &queue);
    dialog.show();
    QPushButton *remove =
        control<QPushButton>(&dialog, QStringLiteral("Remove selected group limits"));
    EXPECT_FALSE(remove->isEnabled());
    groups(&dialog)->selectRow(1);
    ASSERT_TRUE(remove->isEnabled());
    QTest::mouseClick(remove, Qt::LeftButton);

    const QList<std::pair<QString, int>> rows{{QStringLiteral("a"), 1}, {QStringLiteral("c"), 3}};
    EXPECT_EQ(dialog.groupRows(), rows);
    click(&dialog, QDialogButtonBox::Ok);
    const QHash<QString, int> limits{{QStringLiteral("a"), 1}, {QStringLiteral("c"), 3}};
    EXPECT_EQ(settings.groupLimits(), limits);
}
