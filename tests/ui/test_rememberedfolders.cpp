// Each path field of the add dialogs remembers the folder it chose last, and
// its Browse… opens there, in the next dialog and after a restart.
#include "addjob/addcommanddialog.h"
#include "addjob/addcopydialog.h"
#include "addjob/addhashdialog.h"
#include "addjob/joblauncher.h"
#include "addjob/rememberedfolders.h"
#include "mainwindow.h"
#include "settingstestfixture.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QPushButton>
#include <QTimer>

#include <functional>

namespace {

class RememberedFoldersTest : public SettingsTestFixture {
protected:
    QString makeFolder(const QString &name) {
        EXPECT_TRUE(QDir(temp.path()).mkpath(name));
        return QDir(temp.filePath(name)).absolutePath();
    }
    static QPushButton *buttonNamed(QWidget *parent, const QString &name) {
        for (QPushButton *button : parent->findChildren<QPushButton *>()) {
            if (button->accessibleName() == name || button->text() == name)
                return button;
        }
        return nullptr;
    }
    // Clicks `button`, which opens a file picker (modal: the click returns when it
    // closes); `answer` gets the picker once it shows, and accepts or rejects it.
    // Returns the folder the picker opened in.
    QString pickWith(QPushButton *button, const std::function<void(QFileDialog *)> &answer) {
        QString openedIn;
        QTimer poll;
        poll.setInterval(10);
        QObject::connect(&poll, &QTimer::timeout, [&] {
            auto *picker = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
            if (!picker || !picker->isVisible())
                return;
            poll.stop();
            openedIn = picker->directory().absolutePath();
            answer(picker);
        });
        poll.start();
        button->click();
        return openedIn;
    }
    static void choose(QFileDialog *picker, const QString &folder) {
        picker->setDirectory(folder);
        static_cast<QDialog *>(picker)->accept();
    }
};

} // namespace

TEST_F(RememberedFoldersTest, AFieldStartsInItsOwnFolderThenTheRememberedOneThenHome) {
    RememberedFolders folders(ini.get());
    const QString photos = makeFolder(QStringLiteral("photos"));
    const QString other = makeFolder(QStringLiteral("other"));
    EXPECT_EQ(folders.startFor(QStringLiteral("copy/destination")), QDir::homePath());
    folders.remember(QStringLiteral("copy/destination"), photos + QStringLiteral("/a.jpg"));
    EXPECT_EQ(folders.remembered(QStringLiteral("copy/destination")), photos);
    EXPECT_EQ(folders.startFor(QStringLiteral("copy/destination")), photos);
    // The field's own path wins; a path that does not exist yet counts by its folder.
    EXPECT_EQ(folders.startFor(QStringLiteral("copy/destination"), other), other);
    EXPECT_EQ(
        folders.startFor(QStringLiteral("copy/destination"), other + QStringLiteral("/new.sha256")),
        other);
    // Another field remembers on its own.
    EXPECT_EQ(folders.startFor(QStringLiteral("command/cwd")), QDir::homePath());
    // A remembered folder that is gone is forgotten.
    ASSERT_TRUE(QDir(photos).removeRecursively());
    EXPECT_EQ(folders.startFor(QStringLiteral("copy/destination")), QDir::homePath());
}

TEST_F(RememberedFoldersTest, BrowseOpensWhereTheSameFieldChoseLastEvenAfterARestart) {
    const QString backup = makeFolder(QStringLiteral("backup"));
    {
        MainWindow window(&queue, &settings);
        AddCopyDialog *dialog = window.launcher()->openCopyDialog();
        QPushButton *browse = buttonNamed(dialog, QStringLiteral("Choose the destination folder"));
        ASSERT_NE(browse, nullptr);
        const QString first =
            pickWith(browse, [&](QFileDialog *picker) { choose(picker, backup); });
        EXPECT_EQ(first, QDir::homePath());
        EXPECT_EQ(dialog->destination(), backup);
        dialog->reject();
    }
    ini->sync();
    auto reopened = openIni();
    AppSettings again(reopened.get());
    MainWindow window(&queue, &again);
    AddCopyDialog *dialog = window.launcher()->openCopyDialog();
    QPushButton *browse = buttonNamed(dialog, QStringLiteral("Choose the destination folder"));
    const QString second = pickWith(browse, [](QFileDialog *picker) { picker->reject(); });
    EXPECT_EQ(second, backup);
    EXPECT_TRUE(dialog->destination().isEmpty()); // canceling the picker changes nothing
    dialog->reject();
}

TEST_F(RememberedFoldersTest, AddFolderInAPathListRemembersWhereItChose) {
    const QString parent = makeFolder(QStringLiteral("disk"));
    const QString inside = makeFolder(QStringLiteral("disk/album"));
    MainWindow window(&queue, &settings);
    AddHashDialog *dialog = window.launcher()->openHashDialog(AddHashDialog::Mode::Hash);
    QPushButton *addFolder = buttonNamed(dialog, QStringLiteral("Add F&older…"));
    ASSERT_NE(addFolder, nullptr);
    pickWith(addFolder, [&](QFileDialog *picker) { choose(picker, inside); });
    ASSERT_EQ(dialog->paths(), QStringList{inside});
    dialog->reject();

    AddHashDialog *next = window.launcher()->openHashDialog(AddHashDialog::Mode::Hash);
    addFolder = buttonNamed(next, QStringLiteral("Add F&older…"));
    // The folder that held the last choice, where its neighbours are.
    EXPECT_EQ(pickWith(addFolder, [](QFileDialog *picker) { picker->reject(); }), parent);
    next->reject();
}

TEST_F(RememberedFoldersTest, ANewCommandRunsInTheFolderChosenLast) {
    const QString work = makeFolder(QStringLiteral("work"));
    RememberedFolders(ini.get()).remember(QStringLiteral("command/cwd"), work);
    MainWindow window(&queue, &settings);
    AddCommandDialog *dialog = window.launcher()->openCommandDialog();
    EXPECT_EQ(dialog->workingDirectory(), work);
    dialog->reject();
}
