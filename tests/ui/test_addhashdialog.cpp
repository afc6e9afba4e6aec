#include "addjob/addhashdialog.h"

#include "mainwindow.h"
#include "uitestfixture.h"

#include <QAction>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>

namespace {

class AddHashDialogTest : public UiTestFixture {
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
    static QLineEdit *lineEdit(QWidget *dialog, const QString &accessibleName) {
        const QList<QLineEdit *> edits = dialog->findChildren<QLineEdit *>();
        for (QLineEdit *edit : edits) {
            if (edit->accessibleName() == accessibleName)
                return edit;
        }
        return nullptr;
    }
    static void clickOk(QDialog *dialog) {
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QTest::mouseClick(ok, Qt::LeftButton);
    }
    // The dialog the window opened (window-modal, so the test keeps running).
    static AddHashDialog *openedDialog(MainWindow &window) {
        AddHashDialog *dialog = nullptr;
        waitUntil([&] {
            dialog = window.findChild<AddHashDialog *>();
            return dialog && dialog->isVisible();
        });
        return dialog;
    }
};

} // namespace

TEST_F(AddHashDialogTest, TheManifestDefaultsToBesideTheFirstItemNamedAfterIt) {
    AddHashDialog dialog(*kinds, AddHashDialog::Mode::Hash);
    dialog.setPaths({path(QStringLiteral("photos")), path(QStringLiteral("notes.txt"))});
    EXPECT_EQ(dialog.outputPath(), path(QStringLiteral("photos.sha256")));

    dialog.setAlgorithm(QStringLiteral("sha512"));
    EXPECT_EQ(dialog.outputPath(), path(QStringLiteral("photos.sha512")));
}

TEST_F(AddHashDialogTest, AManifestNameThePersonTypedIsKept) {
    AddHashDialog dialog(*kinds, AddHashDialog::Mode::Hash);
    dialog.show();
    QLineEdit *output = lineEdit(&dialog, QStringLiteral("Manifest to write"));
    ASSERT_NE(output, nullptr);
    output->clear();
    QTest::keyClicks(output, path(QStringLiteral("mine.sum")));

    dialog.setPaths({path(QStringLiteral("photos"))});
    dialog.setAlgorithm(QStringLiteral("md5"));
    EXPECT_EQ(dialog.outputPath(), path(QStringLiteral("mine.sum")));
}

TEST_F(AddHashDialogTest, AMissingPathIsRefusedInlineNamingItAndTheDialogStaysOpen) {
    AddHashDialog dialog(*kinds, AddHashDialog::Mode::Hash);
    dialog.show();
    dialog.setPaths({path(QStringLiteral("no-such-folder"))});
    clickOk(&dialog);

    EXPECT_TRUE(dialog.isVisible());
    EXPECT_NE(dialog.result(), int(QDialog::Accepted));
    EXPECT_TRUE(dialog.errorText().contains(QLatin1String("no-such-folder")))
        << dialog.errorText().toStdString();
}

TEST_F(AddHashDialogTest, NothingToHashIsRefusedInline) {
    AddHashDialog dialog(*kinds, AddHashDialog::Mode::Hash);
    dialog.show();
    clickOk(&dialog);
    EXPECT_TRUE(dialog.isVisible());
    EXPECT_FALSE(dialog.errorText().isEmpty());
}

TEST_F(AddHashDialogTest, VerifyGuessesTheAlgorithmFromTheManifestName) {
    AddHashDialog dialog(*kinds, AddHashDialog::Mode::Verify);
    EXPECT_TRUE(dialog.algorithm().isEmpty()); // detect from the manifest
    dialog.setManifestPath(path(QStringLiteral("backup.sha512")));
    EXPECT_EQ(dialog.algorithm().toStdString(), "sha512");
    dialog.setManifestPath(path(QStringLiteral("backup.b2")));
    EXPECT_EQ(dialog.algorithm().toStdString(), "blake2b");
    dialog.setManifestPath(path(QStringLiteral("checksums.txt")));
    EXPECT_TRUE(dialog.algorithm().isEmpty());
}

TEST_F(AddHashDialogTest, AMissingManifestIsRefusedInlineNamingIt) {
    AddHashDialog dialog(*kinds, AddHashDialog::Mode::Verify);
    dialog.show();
    dialog.setManifestPath(path(QStringLiteral("gone.sha256")));
    clickOk(&dialog);
    EXPECT_TRUE(dialog.isVisible());
    EXPECT_TRUE(dialog.errorText().contains(QLatin1String("gone.sha256")))
        << dialog.errorText().toStdString();
}

TEST_F(AddHashDialogTest, TheWindowQueuesAHashJobForAFolderWhichSucceeds) {
    ASSERT_TRUE(temp.isValid());
    writeFile(QStringLiteral("data/a.txt"), "alpha\n");
    writeFile(QStringLiteral("data/sub/b.txt"), "beta\n");
    MainWindow window(&queue);
    window.show();

    window.addJobAction(JobLauncher::Hash)->trigger();
    AddHashDialog *dialog = openedDialog(window);
    ASSERT_NE(dialog, nullptr);
    dialog->setPaths({path(QStringLiteral("data"))});
    clickOk(dialog);

    ASSERT_EQ(queue.count(), 1) << dialog->errorText().toStdString();
    const JobId id = queue.order().first();
    EXPECT_EQ(window.selectedJobIds(), QList<JobId>{id});
    ASSERT_TRUE(waitForState(id, JobState::Succeeded)) << queue.job(id)->result.error.toStdString();

    // sha256sum's format, names relative to the manifest's folder: `sha256sum -c` works there.
    const QByteArray manifest = readFile(path(QStringLiteral("data.sha256")));
    const QByteArray alpha =
        QCryptographicHash::hash("alpha\n", QCryptographicHash::Sha256).toHex();
    EXPECT_TRUE(manifest.contains(alpha + "  data/a.txt\n")) << manifest.toStdString();
    EXPECT_TRUE(manifest.contains("  data/sub/b.txt\n")) << manifest.toStdString();
}

TEST_F(AddHashDialogTest, TheWindowQueuesAVerifyJobForAManifestWhichSucceeds) {
    ASSERT_TRUE(temp.isValid());
    writeFile(QStringLiteral("a.txt"), "alpha\n");
    const QByteArray alpha =
        QCryptographicHash::hash("alpha\n", QCryptographicHash::Sha256).toHex();
    const QString manifest = writeFile(QStringLiteral("check.sha256"), alpha + "  a.txt\n");
    MainWindow window(&queue);
    window.show();

    window.addJobAction(JobLauncher::Verify)->trigger();
    AddHashDialog *dialog = openedDialog(window);
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(dialog->mode(), AddHashDialog::Mode::Verify);
    dialog->setManifestPath(manifest);
    clickOk(dialog);

    ASSERT_EQ(queue.count(), 1) << dialog->errorText().toStdString();
    const JobId id = queue.order().first();
    ASSERT_TRUE(waitForState(id, JobState::Succeeded)) << queue.job(id)->result.error.toStdString();
}

TEST_F(AddHashDialogTest, EveryLabelWithAMnemonicHasABuddy) {
    // Without a buddy a label shows its "&" instead of underlining the key.
    for (AddHashDialog::Mode mode : {AddHashDialog::Mode::Hash, AddHashDialog::Mode::Verify}) {
        AddHashDialog dialog(*kinds, mode);
        const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
        for (QLabel *label : labels) {
            if (label->text().contains(QLatin1Char('&'))) {
                EXPECT_NE(label->buddy(), nullptr) << label->text().toStdString();
            }
        }
    }
}

TEST_F(AddHashDialogTest, ControlsHaveAccessibleNames) {
    AddHashDialog dialog(*kinds, AddHashDialog::Mode::Hash);
    for (QWidget *widget : dialog.findChildren<QLineEdit *>())
        EXPECT_FALSE(widget->accessibleName().isEmpty());
    for (QWidget *widget : dialog.findChildren<QComboBox *>())
        EXPECT_FALSE(widget->accessibleName().isEmpty());
}
