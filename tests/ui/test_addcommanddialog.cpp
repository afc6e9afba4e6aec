#include "addjob/addcommanddialog.h"
#include "addjob/pathlisteditor.h"

#include "mainwindow.h"
#include "uitestfixture.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QToolBar>

namespace {
QString s(const char *text) {
    return QString::fromUtf8(text);
}

class AddCommandDialogTest : public UiTestFixture {
protected:
    QTemporaryDir temp;

    QString path(const QString &relative) const { return temp.filePath(relative); }
    static void clickOk(QDialog *dialog) {
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QTest::mouseClick(ok, Qt::LeftButton);
    }
    // Shows the window and opens its Add Command Job dialog; null if none came.
    AddCommandDialog *openFromWindow(MainWindow &window) {
        window.show();
        window.addJobAction(JobLauncher::Command)->trigger();
        AddCommandDialog *dialog = nullptr;
        waitUntil([&] {
            dialog = window.findChild<AddCommandDialog *>();
            return dialog && dialog->isVisible();
        });
        return dialog;
    }
    static QStringList shownWords(AddCommandDialog &dialog) {
        QStringList words;
        const QListWidget *list = dialog.findChild<QListWidget *>();
        for (int row = 0; list && row < list->count(); ++row)
            words.append(list->item(row)->text());
        return words;
    }
};

} // namespace

TEST_F(AddCommandDialogTest, TheCommandLineIsSplitAsAShellWouldAndShownBack) {
    AddCommandDialog dialog(*kinds);
    dialog.show();
    QLineEdit *edit = dialog.findChild<QLineEdit *>();
    ASSERT_NE(edit, nullptr);
    ASSERT_EQ(edit->accessibleName(), QStringLiteral("Command line"));
    QTest::keyClicks(edit, QStringLiteral("ffmpeg -i \"my film.mkv\" 'out put.mp4' a\\ b"));
    const QStringList expected{QStringLiteral("ffmpeg"), QStringLiteral("-i"),
                               QStringLiteral("my film.mkv"), QStringLiteral("out put.mp4"),
                               QStringLiteral("a b")};
    EXPECT_EQ(dialog.words(), expected);
    EXPECT_EQ(shownWords(dialog), expected);
}

TEST_F(AddCommandDialogTest, AcceptingValidatesAndYieldsTheJob) {
    AddCommandDialog dialog(*kinds);
    dialog.show();
    dialog.setCommandLine(QStringLiteral("sh -c 'echo hi'"));
    dialog.setWorkingDirectory(temp.path());
    dialog.setProgressMode(QStringLiteral("none"));
    clickOk(&dialog);
    ASSERT_EQ(dialog.result(), int(QDialog::Accepted)) << dialog.errorText().toStdString();
    const JobSpec spec = dialog.spec();
    EXPECT_EQ(spec.kind, QStringLiteral("command"));
    EXPECT_EQ(spec.params.value(QStringLiteral("program")).toString(), QStringLiteral("sh"));
    EXPECT_EQ(spec.params.value(QStringLiteral("arguments")).toStringList(),
              (QStringList{QStringLiteral("-c"), QStringLiteral("echo hi")}));
    EXPECT_EQ(spec.params.value(QStringLiteral("cwd")).toString(), temp.path());
    EXPECT_EQ(spec.params.value(QStringLiteral("progress")).toString(), QStringLiteral("none"));
}

TEST_F(AddCommandDialogTest, BadInputIsRefusedInlineWithTheKindsMessage) {
    AddCommandDialog dialog(*kinds);
    dialog.show();
    clickOk(&dialog);
    EXPECT_TRUE(dialog.isVisible());
    EXPECT_EQ(dialog.errorText(), QStringLiteral("Enter the command to run."));

    dialog.setCommandLine(QStringLiteral("no-such-program-xyz --flag"));
    clickOk(&dialog);
    EXPECT_TRUE(dialog.isVisible());
    EXPECT_EQ(dialog.errorText(), QStringLiteral("command not found: no-such-program-xyz"));

    dialog.setCommandLine(QStringLiteral("true"));
    dialog.setWorkingDirectory(path(QStringLiteral("missing")));
    clickOk(&dialog);
    EXPECT_TRUE(dialog.isVisible());
    EXPECT_EQ(
        dialog.errorText(),
        QStringLiteral("working folder does not exist: %1").arg(path(QStringLiteral("missing"))));
}

TEST_F(AddCommandDialogTest, TheWindowsActionQueuesTheCommandAndItRuns) {
    MainWindow window(&queue);
    window.show();
    QAction *action = window.addJobAction(JobLauncher::Command);
    ASSERT_NE(action, nullptr);
    EXPECT_TRUE(window.addMenu()->actions().contains(action));
    EXPECT_TRUE(window.contextMenu()->actions().contains(action));
    action->trigger();
    AddCommandDialog *dialog = nullptr;
    ASSERT_TRUE(waitUntil([&] {
        dialog = window.findChild<AddCommandDialog *>();
        return dialog && dialog->isVisible();
    }));
    dialog->setCommandLine(QStringLiteral("sh -c 'echo 50%; exit 0'"));
    dialog->setWorkingDirectory(temp.path());
    clickOk(dialog);
    ASSERT_EQ(queue.count(), 1) << dialog->errorText().toStdString();
    const JobId id = queue.order().first();
    ASSERT_TRUE(waitForState(id, JobState::Succeeded)) << queue.job(id)->result.error.toStdString();
    EXPECT_EQ(queue.job(id)->spec.title, QStringLiteral("sh -c 'echo 50%; exit 0'"));
}

TEST_F(AddCommandDialogTest, LabelsHaveBuddiesAndControlsAccessibleNames) {
    AddCommandDialog dialog(*kinds);
    for (QLabel *label : dialog.findChildren<QLabel *>()) {
        if (label->text().contains(QLatin1Char('&'))) {
            EXPECT_NE(label->buddy(), nullptr) << label->text().toStdString();
        }
    }
    for (QWidget *widget : dialog.findChildren<QLineEdit *>())
        EXPECT_FALSE(widget->accessibleName().isEmpty());
    for (QWidget *widget : dialog.findChildren<QComboBox *>())
        EXPECT_FALSE(widget->accessibleName().isEmpty());
}

TEST_F(AddCommandDialogTest, ForEachFileTheWindowQueuesAJobPerFileWithThePlaceholders) {
    MainWindow window(&queue);
    AddCommandDialog *dialog = openFromWindow(window);
    ASSERT_NE(dialog, nullptr);
    const QStringList files{path(QStringLiteral("a.mkv")), path(QStringLiteral("b c.mkv"))};
    dialog->setEachFiles(files);
    dialog->setCommandLine(QStringLiteral("echo {} {.}.mp4 {/.}"));
    dialog->setWorkingDirectory(temp.path());
    clickOk(dialog);
    ASSERT_EQ(queue.count(), 2) << dialog->errorText().toStdString();
    const auto arguments = [&](int row) {
        return queue.job(queue.order().at(row))->spec.params.value(s("arguments")).toStringList();
    };
    EXPECT_EQ(arguments(0), (QStringList{files[0], path(s("a.mp4")), s("a")}));
    EXPECT_EQ(arguments(1), (QStringList{files[1], path(s("b c.mp4")), s("b c")}));
}

TEST_F(AddCommandDialogTest, ForEachFileIsAllOrNoneAndNamesTheJobRefused) {
    MainWindow window(&queue);
    AddCommandDialog *dialog = openFromWindow(window);
    ASSERT_NE(dialog, nullptr);
    // The first file is a program, the second is not there.
    dialog->setEachFiles({s("/usr/bin/true"), path(s("no-such-program-xyz"))});
    dialog->setCommandLine(QStringLiteral("{}"));
    dialog->setWorkingDirectory(temp.path());
    clickOk(dialog);
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_TRUE(dialog->errorText().startsWith(s("Job 2 of 2: ")))
        << dialog->errorText().toStdString();
    EXPECT_TRUE(dialog->errorText().contains(s("no-such-program-xyz")))
        << dialog->errorText().toStdString();
    EXPECT_EQ(queue.count(), 0);

    // Without files it is one job again, with the words as typed.
    dialog->setEachFiles({});
    dialog->setCommandLine(QStringLiteral("echo {}"));
    clickOk(dialog);
    ASSERT_EQ(queue.count(), 1) << dialog->errorText().toStdString();
    EXPECT_EQ(queue.job(queue.order().first())->spec.params.value(s("arguments")).toStringList(),
              QStringList{s("{}")});
}

TEST_F(AddCommandDialogTest, EditingAJobHidesForEachFile) {
    AddCommandDialog dialog(*kinds);
    JobSnapshot job;
    job.id = 7;
    job.spec.kind = s("command");
    job.spec.params = {{s("program"), s("echo")}, {s("cwd"), temp.path()}};
    dialog.editJob(job);
    dialog.show();
    EXPECT_FALSE(dialog.findChild<PathListEditor *>()->isVisible());
}
