#include "addjob/joblauncher.h"

#include "addjob/addcommanddialog.h"
#include "addjob/addcopydialog.h"
#include "addjob/addimagesdialog.h"
#include "addjob/jobscheduleeditor.h"
#include "engine/jobqueue.h"
#include "icons.h"
#include "kinds/command/commandjobparams.h"
#include "kinds/copy/copyjobparams.h"
#include "kinds/hash/hashjobparams.h"
#include "kinds/images/imagesjobparams.h"

#include <QAction>
#include <QFileInfo>
#include <QImageReader>
#include <QKeySequence>
#include <QLocale>
#include <QMenu>
#include <QRegularExpression>

#include <algorithm>
#include <iterator>

namespace {

// The window's one list of add-job entries, in menu order. Each names the core
// kind its dialog creates (and, for the first entry of a kind, edits), how its
// action reads, and how the dialog is made. A new kind is one entry here.
struct LaunchEntry {
    JobLauncher::Kind kind;
    QString (*jobKind)(); // the Params struct's kindName(): JobKind::name()
    Icons::Action icon;
    const char *text;     // QT_TRANSLATE_NOOP: translated when the action is made
    const char *toolTip;  // likewise
    const char *shortcut; // likewise; nullptr: none
    AddJobDialog *(*make)(const JobKindRegistry &kinds, QWidget *parent);
};

const LaunchEntry launchEntries[] = {
    {JobLauncher::Hash, &HashJobParams::kindName, Icons::Action::Add,
     QT_TRANSLATE_NOOP("JobLauncher", "Add &Hash Job…"),
     QT_TRANSLATE_NOOP("JobLauncher", "Hash files and folders into a checksum manifest"),
     QT_TRANSLATE_NOOP("JobLauncher", "Ctrl+N"),
     [](const JobKindRegistry &kinds, QWidget *parent) -> AddJobDialog * {
         return new AddHashDialog(kinds, AddHashDialog::Mode::Hash, parent);
     }},
    {JobLauncher::Verify, &HashJobParams::kindName, Icons::Action::Verify,
     QT_TRANSLATE_NOOP("JobLauncher", "Add &Verify Job…"),
     QT_TRANSLATE_NOOP("JobLauncher", "Check files against a checksum manifest"),
     QT_TRANSLATE_NOOP("JobLauncher", "Ctrl+Shift+N"),
     [](const JobKindRegistry &kinds, QWidget *parent) -> AddJobDialog * {
         return new AddHashDialog(kinds, AddHashDialog::Mode::Verify, parent);
     }},
    {JobLauncher::Images, &ImagesJobParams::kindName, Icons::Action::Add,
     QT_TRANSLATE_NOOP("JobLauncher", "Add &Image Job…"),
     QT_TRANSLATE_NOOP("JobLauncher", "Convert or scale images into a folder"), nullptr,
     [](const JobKindRegistry &kinds, QWidget *parent) -> AddJobDialog * {
         return new AddImagesDialog(kinds, parent);
     }},
    {JobLauncher::Copy, &CopyJobParams::kindName, Icons::Action::Add,
     QT_TRANSLATE_NOOP("JobLauncher", "Add C&opy Job…"),
     QT_TRANSLATE_NOOP("JobLauncher", "Copy files and folders into a folder, like cp -a"), nullptr,
     [](const JobKindRegistry &kinds, QWidget *parent) -> AddJobDialog * {
         return new AddCopyDialog(kinds, parent);
     }},
    {JobLauncher::Command, &CommandJobParams::kindName, Icons::Action::Add,
     QT_TRANSLATE_NOOP("JobLauncher", "Add &Command Job…"),
     QT_TRANSLATE_NOOP("JobLauncher", "Run a command line, such as an encode or an rsync"), nullptr,
     [](const JobKindRegistry &kinds, QWidget *parent) -> AddJobDialog * {
         return new AddCommandDialog(kinds, parent);
     }},
};
static_assert(std::size(launchEntries) == JobLauncher::KindCount, "one entry per launcher kind");

const LaunchEntry &entryFor(JobLauncher::Kind kind) {
    for (const LaunchEntry &entry : launchEntries) {
        if (entry.kind == kind)
            return entry;
    }
    Q_UNREACHABLE();
}

} // namespace

JobLauncher::JobLauncher(JobQueue *queue, QWidget *window)
    : QObject(window)
    , m_queue(queue)
    , m_window(window) {
    for (const LaunchEntry &entry : launchEntries)
        m_actions.append(makeAction(entry.kind));
}

QList<QAction *> JobLauncher::actions() const {
    return m_actions;
}

QAction *JobLauncher::makeAction(Kind kind) {
    const LaunchEntry &entry = entryFor(kind);
    auto *action = new QAction(Icons::action(entry.icon), tr(entry.text), this);
    if (entry.shortcut)
        action->setShortcut(QKeySequence(tr(entry.shortcut)));
    action->setToolTip(tr(entry.toolTip));
    action->setStatusTip(action->toolTip());
    connect(action, &QAction::triggered, this, [this, kind] { open(kind); });
    return action;
}

AddJobDialog *JobLauncher::open(Kind kind) {
    AddJobDialog *dialog = entryFor(kind).make(m_queue->kinds(), m_window);
    openAddDialog(dialog);
    return dialog;
}

void JobLauncher::openAddDialog(AddJobDialog *dialog) {
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFolderSettings(m_folderSettings);
    dialog->scheduleEditor()->setChoices(jobsInQueue(), dialog->editedJob());
    dialog->setSubmitter([this, dialog](const QList<JobSpec> &specs) -> QString {
        if (const JobId id = dialog->editedJob()) {
            const Status saved = m_queue->edit(id, specs.value(0));
            if (!saved)
                return tr("Could not save job %1: %2").arg(id).arg(saved.error());
            Q_EMIT jobEdited(id);
            return {};
        }
        // All of them or none (JobQueue::add of a list).
        const Expected<QList<JobId>> added = m_queue->add(specs);
        if (!added)
            return specs.size() == 1
                       ? tr("Could not add the job: %1").arg(added.error())
                       : tr("Could not add the %1 jobs: %2").arg(specs.size()).arg(added.error());
        Q_EMIT jobAdded(added->first());
        return {};
    });
    dialog->open();
}

QList<JobSnapshot> JobLauncher::jobsInQueue() const {
    QList<JobSnapshot> jobs;
    const QList<JobId> order = m_queue->order();
    jobs.reserve(order.size());
    for (JobId id : order) {
        if (std::optional<JobSnapshot> job = m_queue->job(id))
            jobs.append(std::move(*job));
    }
    return jobs;
}

AddJobDialog *JobLauncher::openEditDialog(const JobSnapshot &job) {
    const QString kind = job.spec.kind;
    const auto entry =
        std::find_if(std::cbegin(launchEntries), std::cend(launchEntries),
                     [&kind](const LaunchEntry &candidate) { return kind == candidate.jobKind(); });
    if (entry == std::cend(launchEntries)) {
        Q_EMIT addRefused(tr("Jobs of kind “%1” have no dialog to edit them in.").arg(kind));
        return nullptr;
    }
    AddJobDialog *dialog = entry->make(m_queue->kinds(), m_window);
    dialog->editJob(job);
    openAddDialog(dialog);
    return dialog;
}

AddHashDialog *JobLauncher::openHashDialog(AddHashDialog::Mode mode) {
    return static_cast<AddHashDialog *>(open(mode == AddHashDialog::Mode::Hash ? Hash : Verify));
}

AddImagesDialog *JobLauncher::openImagesDialog() {
    return static_cast<AddImagesDialog *>(open(Images));
}

AddCopyDialog *JobLauncher::openCopyDialog() {
    return static_cast<AddCopyDialog *>(open(Copy));
}

AddCommandDialog *JobLauncher::openCommandDialog() {
    return static_cast<AddCommandDialog *>(open(Command));
}

bool JobLauncher::looksLikeManifest(const QString &path) {
    // photos.sha256, disk.md5, SHA256SUMS, B2SUMS: what sha256sum & co. users name them.
    static const QRegularExpression pattern(
        QStringLiteral(R"((\.(sha1|sha256|sha512|md5|b2|blake2b)|^[A-Z0-9]+SUMS)$)"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(QFileInfo(path).fileName()).hasMatch();
}

bool JobLauncher::mayHoldImages(const QStringList &paths) {
    // A folder may hold photos; a file must have an image's suffix (a .sha512
    // manifest is no photo to convert).
    const QList<QByteArray> formats = QImageReader::supportedImageFormats();
    return std::any_of(paths.cbegin(), paths.cend(), [&formats](const QString &path) {
        const QFileInfo info(path);
        return info.isDir() || formats.contains(info.suffix().toLower().toLatin1());
    });
}

QMenu *JobLauncher::createDropMenu(const QStringList &paths, QWidget *parent) const {
    auto *menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("DropMenu"));
    menu->setAccessibleName(tr("Add a job for the dropped items"));
    const QString what = paths.size() == 1 ? tr("“%1”").arg(QFileInfo(paths.first()).fileName())
                                           : tr("%1 items").arg(QLocale().toString(paths.size()));
    const QFileInfo first(paths.value(0));
    auto *self = const_cast<JobLauncher *>(this);

    // A dropped manifest is most likely to be checked: that comes first.
    if (paths.size() == 1 && first.isFile() && looksLikeManifest(paths.first())) {
        menu->addAction(
            Icons::action(Icons::Action::Verify), tr("Verify Files Listed in %1…").arg(what), self,
            [self, paths] {
                self->openHashDialog(AddHashDialog::Mode::Verify)->setManifestPath(paths.first());
            });
    }
    menu->addAction(
        Icons::action(Icons::Action::Add), tr("Hash %1…").arg(what), self,
        [self, paths] { self->openHashDialog(AddHashDialog::Mode::Hash)->setPaths(paths); });
    if (mayHoldImages(paths)) {
        menu->addAction(Icons::action(Icons::Action::Add), tr("Convert Images in %1…").arg(what),
                        self, [self, paths] { self->openImagesDialog()->setPaths(paths); });
    }
    menu->addAction(Icons::action(Icons::Action::Add), tr("Copy %1 to…").arg(what), self,
                    [self, paths] { self->openCopyDialog()->setSources(paths); });
    if (paths.size() == 1 && first.isDir()) {
        menu->addAction(
            Icons::action(Icons::Action::Add), tr("Run a Command in %1…").arg(what), self,
            [self, paths] { self->openCommandDialog()->setWorkingDirectory(paths.first()); });
    }
    menu->addSeparator();
    menu->addAction(tr("Cancel"));
    return menu;
}
