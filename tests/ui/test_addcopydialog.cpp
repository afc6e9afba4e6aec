#include "addjob/addcopydialog.h"

#include "job/jobkindregistry.h"
#include "mainwindow.h"
#include "uitestfixture.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QPushButton>
#include <QTemporaryDir>
#include <QToolBar>

namespace {

class AddCopyDialogTest : public UiTestFixture {
protected:
    QTemporaryDir temp;

    QString path(const QString &relative) const { return temp.filePath(relative); }
    QString writeFile(const QString &relative, const QByteArray &content) const {
        const QString file = path(relative);
        QDir().mkpath(QFileInfo(file).absolutePath());
        QFile out(file);
        EXPECT_TRUE(out.open(QIODevice::WriteOnly));
        out.write(content);
        return file;
    }
    static QByteArray readFile(const QString &file) {
        QFile in(file);
        return in.open(QIODevice::ReadOnly) ? in.readAll() : QByteArray();
    }
    static void clickOk(QDialog *dialog) {
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QTest::mouseClick(ok, Qt::LeftButton);
    }
};

TEST_F(AddCopyDialogTest, ADestinationInsideTheSourceIsRefusedInlineAndTheDialogStaysOpen) {
    writeFile(QStringLiteral("photos/a.jpg"), "a");
    QDir().mkpath(path(QStringLiteral("photos/backup")));
    AddCopyDialog dialog(*kinds);
    dialog.show();
    dialog.setSources({path(QStringLiteral("photos"))});
    dialog.setDestination(path(QStringLiteral("photos/backup")));
    clickOk(&dialog);

    EXPECT_TRUE(dialog.isVisible());
    EXPECT_NE(dialog.result(), int(QDialog::Accepted));
    EXPECT_EQ(dialog.errorText(),
              QStringLiteral("cannot copy the folder %1 into itself: the destination %2 is "
                             "inside it")
                  .arg(path(QStringLiteral("photos")), path(QStringLiteral("photos/backup"))));
}

TEST_F(AddCopyDialogTest, NothingToCopyOrNoDestinationIsRefusedInline) {
    AddCopyDialog dialog(*kinds);
    dialog.show();
    clickOk(&dialog);
    EXPECT_TRUE(dialog.isVisible());
    EXPECT_EQ(dialog.errorText(), QStringLiteral("Add at least one file or folder to copy."));
    dialog.setSources({writeFile(QStringLiteral("a.txt"), "a")});
    clickOk(&dialog);
    EXPECT_EQ(dialog.errorText(), QStringLiteral("Choose the folder to copy into."));
}

TEST_F(AddCopyDialogTest, EditingAfterARefusalClearsTheMessage) {
    AddCopyDialog dialog(*kinds);
    dialog.show();
    dialog.setSources({writeFile(QStringLiteral("a.txt"), "a")});
    clickOk(&dialog);
    ASSERT_EQ(dialog.errorText(), QStringLiteral("Choose the folder to copy into."));
    dialog.setDestination(path(QStringLiteral("out")));
    EXPECT_TRUE(dialog.errorText().isEmpty()) << dialog.errorText().toStdString();
}

TEST_F(AddCopyDialogTest, WithoutTheCopyKindNothingIsAcceptedAndTheDialogSaysWhy) {
    const JobKindRegistry noKinds;
    AddCopyDialog dialog(noKinds);
    dialog.show();
    dialog.setSources({writeFile(QStringLiteral("a.txt"), "a")});
    dialog.setDestination(temp.path());
    clickOk(&dialog);
    EXPECT_TRUE(dialog.isVisible());
    EXPECT_NE(dialog.result(), int(QDialog::Accepted));
    EXPECT_EQ(dialog.errorText(),
              QStringLiteral("This build of Taskdeck cannot copy files (no “copy” job kind)."));
    EXPECT_TRUE(dialog.spec().kind.isEmpty());
}

TEST_F(AddCopyDialogTest, TheSpecCarriesTheChoices) {
    const QString file = writeFile(QStringLiteral("a.txt"), "a");
    QDir().mkpath(path(QStringLiteral("out")));
    AddCopyDialog dialog(*kinds);
    dialog.setSources({file});
    dialog.setDestination(path(QStringLiteral("out")));
    dialog.setVerify(true);
    dialog.setConflictPolicy(QStringLiteral("rename"));
    dialog.accept();
    ASSERT_EQ(dialog.result(), int(QDialog::Accepted)) << dialog.errorText().toStdString();
    const JobSpec spec = dialog.spec();
    EXPECT_EQ(spec.kind, QStringLiteral("copy"));
    EXPECT_EQ(spec.params.value("sources").toStringList(), QStringList{file});
    EXPECT_EQ(spec.params.value("destination").toString(), path(QStringLiteral("out")));
    EXPECT_EQ(spec.params.value("verify").toBool(), true);
    EXPECT_EQ(spec.params.value("on_conflict").toString(), QStringLiteral("rename"));
}

TEST_F(AddCopyDialogTest, TheWindowOffersCopyEverywhereAndQueuesACopyWhichSucceeds) {
    writeFile(QStringLiteral("data/a.txt"), "alpha\n");
    writeFile(QStringLiteral("data/sub/b.txt"), "beta\n");
    QDir().mkpath(path(QStringLiteral("backup")));
    MainWindow window(&queue);
    window.show();
    QAction *action = window.addJobAction(JobLauncher::Copy);
    ASSERT_NE(action, nullptr);
    EXPECT_TRUE(window.contextMenu()->actions().contains(action));
    EXPECT_TRUE(window.addMenu()->actions().contains(action));

    action->trigger();
    AddCopyDialog *dialog = nullptr;
    ASSERT_TRUE(waitUntil([&] {
        dialog = window.findChild<AddCopyDialog *>();
        return dialog && dialog->isVisible();
    }));
    dialog->setSources({path(QStringLiteral("data"))});
    dialog->setDestination(path(QStringLiteral("backup")));
    clickOk(dialog);

    ASSERT_EQ(queue.count(), 1) << dialog->errorText().toStdString();
    const JobId id = queue.order().first();
    EXPECT_EQ(window.selectedJobIds(), QList<JobId>{id});
    ASSERT_TRUE(waitForState(id, JobState::Succeeded)) << queue.job(id)->result.error.toStdString();
    EXPECT_EQ(readFile(path(QStringLiteral("backup/data/sub/b.txt"))), "beta\n");
}

} // namespace
