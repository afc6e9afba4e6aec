#include "addjob/addimagesdialog.h"

#include "mainwindow.h"
#include "uitestfixture.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QImage>
#include <QImageReader>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QToolBar>

namespace {

class AddImagesDialogTest : public UiTestFixture {
protected:
    QTemporaryDir temp;

    QString path(const QString &relative) const { return temp.filePath(relative); }
    void writeImage(const QString &relative, int width, int height) const {
        QDir().mkpath(QFileInfo(path(relative)).absolutePath());
        QImage image(width, height, QImage::Format_RGB32);
        image.fill(Qt::darkCyan);
        ASSERT_TRUE(image.save(path(relative), "png"));
    }
    static void clickOk(QDialog *dialog) {
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QTest::mouseClick(ok, Qt::LeftButton);
    }
    static AddImagesDialog *openedDialog(MainWindow &window) {
        AddImagesDialog *dialog = nullptr;
        waitUntil([&] {
            dialog = window.findChild<AddImagesDialog *>();
            return dialog && dialog->isVisible();
        });
        return dialog;
    }
};

} // namespace

TEST_F(AddImagesDialogTest, AValidJobIsAcceptedWithNormalizedParameters) {
    writeImage(QStringLiteral("photos/a.png"), 40, 30);
    AddImagesDialog dialog(*kinds);
    dialog.show();
    dialog.setPaths({path(QStringLiteral("photos"))});
    dialog.setOutputPath(path(QStringLiteral("small")));
    dialog.setMaxSize(QSize(20, 0));
    dialog.setFormat(QStringLiteral("jpeg"));
    dialog.setQuality(70);
    clickOk(&dialog);

    EXPECT_EQ(dialog.result(), int(QDialog::Accepted)) << dialog.errorText().toStdString();
    const JobSpec spec = dialog.spec();
    EXPECT_EQ(spec.kind, QStringLiteral("images"));
    EXPECT_EQ(spec.params.value(QStringLiteral("paths")).toStringList(),
              QStringList{path(QStringLiteral("photos"))});
    EXPECT_EQ(spec.params.value(QStringLiteral("output")).toString(),
              path(QStringLiteral("small")));
    EXPECT_EQ(spec.params.value(QStringLiteral("max_width")).toInt(), 20);
    EXPECT_EQ(spec.params.value(QStringLiteral("max_height")).toInt(), 0);
    EXPECT_EQ(spec.params.value(QStringLiteral("format")).toString(), QStringLiteral("jpeg"));
    EXPECT_EQ(spec.params.value(QStringLiteral("quality")).toInt(), 70);
}

TEST_F(AddImagesDialogTest, AMissingSourceIsRefusedInlineNamingItAndTheDialogStaysOpen) {
    AddImagesDialog dialog(*kinds);
    dialog.show();
    dialog.setPaths({path(QStringLiteral("no-such-folder"))});
    dialog.setOutputPath(path(QStringLiteral("out")));
    clickOk(&dialog);
    EXPECT_TRUE(dialog.isVisible());
    EXPECT_NE(dialog.result(), int(QDialog::Accepted));
    EXPECT_EQ(dialog.errorText(), QStringLiteral("no such file or directory: %1")
                                      .arg(path(QStringLiteral("no-such-folder"))));
}

TEST_F(AddImagesDialogTest, AnOutputInsideTheSourceIsRefusedInline) {
    writeImage(QStringLiteral("photos/a.png"), 4, 4);
    AddImagesDialog dialog(*kinds);
    dialog.show();
    dialog.setPaths({path(QStringLiteral("photos"))});
    dialog.setOutputPath(path(QStringLiteral("photos/small")));
    clickOk(&dialog);
    EXPECT_TRUE(dialog.isVisible());
    EXPECT_TRUE(dialog.errorText().contains(QStringLiteral("inside the source folder")))
        << dialog.errorText().toStdString();
}

TEST_F(AddImagesDialogTest, NothingToConvertOrNoOutputIsRefusedInline) {
    AddImagesDialog dialog(*kinds);
    dialog.show();
    clickOk(&dialog);
    EXPECT_EQ(dialog.errorText(), QStringLiteral("Add at least one image or folder to convert."));
    writeImage(QStringLiteral("a.png"), 4, 4);
    dialog.setPaths({path(QStringLiteral("a.png"))});
    clickOk(&dialog);
    EXPECT_EQ(dialog.errorText(), QStringLiteral("Choose the folder to write the images into."));
    EXPECT_TRUE(dialog.isVisible());
}

TEST_F(AddImagesDialogTest, TheWindowOffersItAndQueuesTheJobWhichConverts) {
    writeImage(QStringLiteral("photos/wide.png"), 200, 100);
    MainWindow window(&queue);
    window.show();
    QAction *action = window.addJobAction(JobLauncher::Images);
    ASSERT_NE(action, nullptr);
    EXPECT_TRUE(window.contextMenu()->actions().contains(action));
    EXPECT_TRUE(window.addMenu()->actions().contains(action));
    bool inFileMenu = false;
    for (QAction *menu : window.menuBar()->actions())
        inFileMenu = inFileMenu || (menu->menu() && menu->menu()->actions().contains(action));
    EXPECT_TRUE(inFileMenu);

    action->trigger();
    AddImagesDialog *dialog = openedDialog(window);
    ASSERT_NE(dialog, nullptr);
    dialog->setPaths({path(QStringLiteral("photos"))});
    dialog->setOutputPath(path(QStringLiteral("out")));
    dialog->setMaxSize(QSize(50, 50));
    clickOk(dialog);

    ASSERT_TRUE(waitUntil([&] { return queue.count() == 1; }));
    const JobId id = queue.order().first();
    ASSERT_TRUE(waitForState(id, JobState::Succeeded));
    EXPECT_EQ(QImageReader(path(QStringLiteral("out/wide.png"))).size(), QSize(50, 25));
    EXPECT_EQ(window.selectedJobIds(), QList<JobId>{id});
}
