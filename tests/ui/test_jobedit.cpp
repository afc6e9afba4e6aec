// The queue settings of the add dialogs (title, priority, group, start after,
// not before), and Edit and Duplicate on a job that has not started.
#include "addjob/addcommanddialog.h"
#include "addjob/addcopydialog.h"
#include "addjob/addhashdialog.h"
#include "addjob/addimagesdialog.h"
#include "addjob/joblauncher.h"
#include "addjob/jobscheduleeditor.h"
#include "jobtable/jobtablemodel.h"
#include "jobtable/jobtableview.h"
#include "mainwindow.h"
#include "queuedjobactions.h"
#include "uitestfixture.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QTemporaryDir>

namespace {

class JobEditTest : public UiTestFixture {
protected:
    MainWindow window{&queue};
    QTemporaryDir temp;

    void SetUp() override {
        ASSERT_TRUE(temp.isValid());
        window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    }
    QString path(const QString &name) const { return temp.filePath(name); }
    void makeFile(const QString &name) {
        QFile file(path(name));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write("data\n");
    }
    void makeCurrent(JobId id) {
        ASSERT_TRUE(waitUntil([&] { return window.model()->rowOf(id) >= 0; }));
        window.view()->selectJobs({id});
    }
    QAction *action(QueuedJobActions::Command command) const {
        return window.queuedJobActions()->action(command);
    }
    template <typename Widget> static Widget *named(QWidget *parent, const QString &name) {
        for (Widget *widget : parent->findChildren<Widget *>()) {
            if (widget->accessibleName() == name)
                return widget;
        }
        return nullptr;
    }
    static void clickOk(QDialog *dialog) {
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QTest::mouseClick(ok, Qt::LeftButton);
    }
    static std::string json(const QVariantMap &map) {
        return QJsonDocument::fromVariant(map).toJson(QJsonDocument::Compact).toStdString();
    }
    static QStringList afterChoices(JobScheduleEditor *editor) {
        QStringList texts;
        const QListWidget *list = editor->findChild<QListWidget *>();
        for (int row = 0; row < list->count(); ++row)
            texts.append(list->item(row)->text());
        return texts;
    }
    static void checkAfter(JobScheduleEditor *editor, JobId id) {
        QListWidget *list = editor->findChild<QListWidget *>();
        for (int row = 0; row < list->count(); ++row) {
            if (list->item(row)->data(Qt::UserRole).value<JobId>() == id)
                list->item(row)->setCheckState(Qt::Checked);
        }
    }
    // Opens the edit dialog of `id` from its Edit action, accepts it unchanged and
    // returns the job's parameters before and after.
    std::pair<QVariantMap, QVariantMap> saveUnchanged(JobId id) {
        const QVariantMap before = queue.job(id)->spec.params;
        makeCurrent(id);
        EXPECT_TRUE(waitUntil([&] { return action(QueuedJobActions::Edit)->isEnabled(); }));
        action(QueuedJobActions::Edit)->trigger();
        QPointer<AddJobDialog> dialog = window.findChild<AddJobDialog *>();
        EXPECT_NE(dialog, nullptr);
        if (!dialog)
            return {before, {}};
        clickOk(dialog);
        EXPECT_TRUE(dialog.isNull() || dialog->isHidden()) << dialog->errorText().toStdString();
        return {before, queue.job(id)->spec.params};
    }
};

} // namespace

TEST_F(JobEditTest, TheQueueSettingsOfAnAddDialogReachTheQueue) {
    queue.drain();
    const JobId first = add(QStringLiteral("spin"), QStringLiteral("first"));
    JobSpec grouped;
    grouped.kind = QStringLiteral("spin");
    grouped.title = QStringLiteral("grouped");
    grouped.group = QStringLiteral("disks");
    add(grouped);

    AddCommandDialog *dialog = window.launcher()->openCommandDialog();
    dialog->setCommandLine(QStringLiteral("true"));
    dialog->setWorkingDirectory(temp.path());
    JobScheduleEditor *editor = dialog->scheduleEditor();
    QTest::keyClicks(named<QLineEdit>(editor, QStringLiteral("Title")), QStringLiteral("nightly"));
    QComboBox *priority = named<QComboBox>(editor, QStringLiteral("Priority"));
    priority->setCurrentIndex(priority->findText(QStringLiteral("High")));
    QComboBox *group = named<QComboBox>(editor, QStringLiteral("Group"));
    // The queue's groups are offered.
    EXPECT_NE(group->findText(QStringLiteral("disks")), -1);
    group->setCurrentIndex(group->findText(QStringLiteral("disks")));
    checkAfter(editor, first);
    editor->findChild<QCheckBox *>()->setChecked(true);
    const QDateTime when = QDateTime::currentDateTime().addDays(1);
    named<QDateTimeEdit>(editor, QStringLiteral("Not before"))->setDateTime(when);
    clickOk(dialog);

    const QList<JobId> order = queue.order();
    ASSERT_EQ(order.size(), 3);
    const JobSnapshot job = *queue.job(order.last());
    EXPECT_EQ(job.spec.kind, QStringLiteral("command"));
    EXPECT_EQ(job.spec.title, QStringLiteral("nightly"));
    EXPECT_EQ(job.spec.priority, JobPriority::High);
    EXPECT_EQ(job.spec.group, QStringLiteral("disks"));
    EXPECT_EQ(job.spec.after, QList<JobId>{first});
    // Minutes, as the field shows them.
    EXPECT_LE(qAbs(job.spec.notBefore.secsTo(when)), 60);
    EXPECT_EQ(job.state, JobState::Waiting);
}

TEST_F(JobEditTest, StartAfterOffersOnlyJobsThatHaveNotEnded) {
    const JobId failed = add(QStringLiteral("fail"), QStringLiteral("broken"));
    ASSERT_TRUE(waitForState(failed, JobState::Failed));
    queue.drain();
    const JobId queued = add(QStringLiteral("spin"), QStringLiteral("waiting one"));

    AddCopyDialog *dialog = window.launcher()->openCopyDialog();
    const QStringList choices = afterChoices(dialog->scheduleEditor());
    ASSERT_EQ(choices.size(), 1) << choices.join(QLatin1Char('|')).toStdString();
    EXPECT_TRUE(choices.first().startsWith(QStringLiteral("%1 · waiting one").arg(queued)))
        << choices.first().toStdString();
    dialog->reject();
}

TEST_F(JobEditTest, EditPrefillsTheDialogAndSavesIntoTheSameJobKeepingWhatItCannotShow) {
    queue.drain();
    const JobId before = add(QStringLiteral("spin"), QStringLiteral("before"));
    JobSpec spec;
    spec.kind = QStringLiteral("command");
    spec.title = QStringLiteral("encode");
    spec.params = {{QStringLiteral("program"), QStringLiteral("sh")},
                   {QStringLiteral("arguments"),
                    QStringList{QStringLiteral("-c"), QStringLiteral("echo 'it''s'")}},
                   {QStringLiteral("cwd"), temp.path()},
                   {QStringLiteral("env"), QStringList{QStringLiteral("FOO=bar")}}};
    const JobId id = add(spec);
    const JobId after = add(QStringLiteral("spin"), QStringLiteral("after"));

    makeCurrent(id);
    ASSERT_TRUE(waitUntil([&] { return action(QueuedJobActions::Edit)->isEnabled(); }));
    action(QueuedJobActions::Edit)->trigger();
    QPointer<AddCommandDialog> dialog = window.findChild<AddCommandDialog *>();
    ASSERT_NE(dialog, nullptr);
    EXPECT_TRUE(dialog->windowTitle().startsWith(QStringLiteral("Edit Job %1").arg(id)))
        << dialog->windowTitle().toStdString();
    EXPECT_EQ(dialog->words(), (QStringList{QStringLiteral("sh"), QStringLiteral("-c"),
                                            QStringLiteral("echo 'it''s'")}));
    EXPECT_EQ(dialog->workingDirectory(), temp.path());
    QLineEdit *title = named<QLineEdit>(dialog->scheduleEditor(), QStringLiteral("Title"));
    EXPECT_EQ(title->text(), QStringLiteral("encode"));
    // The job itself is no job to wait for.
    EXPECT_EQ(afterChoices(dialog->scheduleEditor()).size(), 2);

    dialog->setCommandLine(QStringLiteral("sh -c 'echo changed'"));
    title->setText(QStringLiteral("encode again"));
    clickOk(dialog);
    ASSERT_TRUE(dialog.isNull() || dialog->isHidden()) << dialog->errorText().toStdString();

    const JobSnapshot saved = *queue.job(id);
    EXPECT_EQ(saved.spec.params.value(QStringLiteral("arguments")).toStringList(),
              (QStringList{QStringLiteral("-c"), QStringLiteral("echo changed")}));
    EXPECT_EQ(saved.spec.params.value(QStringLiteral("env")).toStringList(),
              QStringList{QStringLiteral("FOO=bar")});
    EXPECT_EQ(saved.spec.title, QStringLiteral("encode again"));
    EXPECT_EQ(queue.order(), (QList<JobId>{before, id, after}));
    EXPECT_EQ(queue.count(), 3);
    // The table shows the new title.
    EXPECT_TRUE(waitUntil([&] {
        const int row = window.model()->rowOf(id);
        return window.model()->index(row, JobTableModel::TitleColumn).data().toString() ==
               QStringLiteral("encode again");
    }));
}

TEST_F(JobEditTest, AJobThatStartsWhileItsDialogIsOpenIsNotChangedAndTheDialogSaysWhy) {
    queue.drain();
    const JobId id = add(QStringLiteral("command"), QStringLiteral("sleeper"),
                         {{QStringLiteral("program"), QStringLiteral("sleep")},
                          {QStringLiteral("arguments"), QStringList{QStringLiteral("30")}},
                          {QStringLiteral("cwd"), temp.path()}});
    makeCurrent(id);
    ASSERT_TRUE(waitUntil([&] { return action(QueuedJobActions::Edit)->isEnabled(); }));
    AddJobDialog *dialog = window.launcher()->openEditDialog(*queue.job(id));
    ASSERT_NE(dialog, nullptr);
    queue.resumeAll();
    ASSERT_TRUE(waitForState(id, JobState::Running));
    EXPECT_TRUE(waitUntil([&] { return !action(QueuedJobActions::Edit)->isEnabled(); }));
    clickOk(dialog);
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_NE(dialog->errorText().indexOf(QStringLiteral("has not started")), -1)
        << dialog->errorText().toStdString();
    EXPECT_EQ(queue.job(id)->spec.params.value(QStringLiteral("arguments")).toStringList(),
              QStringList{QStringLiteral("30")});
    dialog->reject();
    ASSERT_TRUE(queue.cancel(id));
}

TEST_F(JobEditTest, DuplicateQueuesAnotherJobWithEverySetting) {
    queue.drain();
    const JobId first = add(QStringLiteral("spin"), QStringLiteral("first"));
    JobSpec spec;
    spec.kind = QStringLiteral("spin");
    spec.title = QStringLiteral("copy me");
    spec.priority = JobPriority::Low;
    spec.group = QStringLiteral("disks");
    spec.after = {first};
    spec.notBefore = QDateTime::currentDateTimeUtc().addSecs(7200);
    const JobId original = add(spec);
    makeCurrent(original);
    ASSERT_TRUE(waitUntil([&] { return action(QueuedJobActions::Duplicate)->isEnabled(); }));
    action(QueuedJobActions::Duplicate)->trigger();

    ASSERT_EQ(queue.count(), 3);
    const JobSnapshot copy = *queue.job(queue.order().last());
    EXPECT_NE(copy.id, original);
    EXPECT_EQ(copy.spec.title, spec.title);
    EXPECT_EQ(copy.spec.priority, spec.priority);
    EXPECT_EQ(copy.spec.group, spec.group);
    EXPECT_EQ(copy.spec.after, spec.after);
    EXPECT_EQ(copy.spec.notBefore, spec.notBefore);
    // The new job is the one shown.
    EXPECT_TRUE(waitUntil([&] { return window.view()->currentJobId() == copy.id; }));
}

TEST_F(JobEditTest, EveryDialogSavesAJobUnchangedWhenNothingIsChanged) {
    queue.drain();
    makeFile(QStringLiteral("a.txt"));
    makeFile(QStringLiteral("photo.png"));
    QImage(4, 4, QImage::Format_RGB32).save(path(QStringLiteral("photo.png")));
    ASSERT_TRUE(QDir(temp.path()).mkdir(QStringLiteral("to")));
    QFile sums(path(QStringLiteral("sums.sha256")));
    ASSERT_TRUE(sums.open(QIODevice::WriteOnly));
    sums.write("5b41362bc82b7f3d56edc5a306db22105707d01ff4819e26faef9724a2d406c9  a.txt\n");
    sums.close();
    const QList<JobSpec> specs = [&] {
        auto make = [](const char *kind, QVariantMap params) {
            JobSpec spec;
            spec.kind = QLatin1String(kind);
            spec.params = std::move(params);
            return spec;
        };
        return QList<JobSpec>{
            // As the dialog writes them: names relative to the manifest's folder.
            make("hash", {{QStringLiteral("paths"), QStringList{QStringLiteral("a.txt")}},
                          {QStringLiteral("base_dir"), temp.path()},
                          {QStringLiteral("output"), path(QStringLiteral("out.sha512"))},
                          {QStringLiteral("algorithm"), QStringLiteral("sha512")}}),
            make("hash", {{QStringLiteral("verify"), path(QStringLiteral("sums.sha256"))},
                          {QStringLiteral("strict"), true}}),
            make("copy", {{QStringLiteral("sources"), QStringList{path(QStringLiteral("a.txt"))}},
                          {QStringLiteral("destination"), path(QStringLiteral("to"))},
                          {QStringLiteral("verify"), true},
                          {QStringLiteral("on_conflict"), QStringLiteral("skip")}}),
            make("images",
                 {{QStringLiteral("paths"), QStringList{path(QStringLiteral("photo.png"))}},
                  {QStringLiteral("output"), path(QStringLiteral("small"))},
                  {QStringLiteral("max_width"), 640},
                  {QStringLiteral("format"), QStringLiteral("jpg")},
                  {QStringLiteral("quality"), 77}}),
            make("command", {{QStringLiteral("program"), QStringLiteral("echo")},
                             {QStringLiteral("arguments"),
                              QStringList{QStringLiteral("two words"), QStringLiteral("$HOME")}},
                             {QStringLiteral("cwd"), temp.path()},
                             {QStringLiteral("progress"), QStringLiteral("percent")},
                             {QStringLiteral("grace_seconds"), 3}}),
        };
    }();
    for (const JobSpec &spec : specs) {
        SCOPED_TRACE(spec.kind.toStdString());
        const JobId id = add(spec);
        ASSERT_NE(id, 0u);
        const auto [before, after] = saveUnchanged(id);
        EXPECT_EQ(json(after), json(before));
    }
}

TEST_F(JobEditTest, TheFocusStartsOnTheKindsFirstControlNotOnTheQueueSettings) {
    AddCommandDialog *dialog = window.launcher()->openCommandDialog();
    ASSERT_TRUE(QTest::qWaitForWindowActive(dialog));
    QLineEdit *commandLine = named<QLineEdit>(dialog, QStringLiteral("Command line"));
    EXPECT_TRUE(waitUntil([&] { return commandLine->hasFocus(); }))
        << (QApplication::focusWidget()
                ? QApplication::focusWidget()->accessibleName().toStdString()
                : std::string("nothing"));
    dialog->reject();
}
