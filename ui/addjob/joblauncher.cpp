#include "addjob/joblauncher.h"

#include "addjob/addcommanddialog.h"
#include "addjob/addcopydialog.h"
#include "addjob/addimagesdialog.h"
#include "addjob/jobscheduleeditor.h"
#include "engine/jobqueue.h"
#include "icons.h"

#include <QAction>
#include <QFileInfo>
#include <QImageReader>
#include <QKeySequence>
#include <QLocale>
#include <QMenu>
#include <QRegularExpression>

#include <algorithm>

JobLauncher::JobLauncher(JobQueue *queue, QWidget *window)
    : QObject(window)
    , m_queue(queue)
    , m_window(window) {
    for (int kind = 0; kind < KindCount; ++kind)
        m_actions.append(makeAction(Kind(kind)));
}

QList<QAction *> JobLauncher::actions() const {
    return m_actions;
}

QAction *JobLauncher::makeAction(Kind kind) {
    auto *action = new QAction(this);
    switch (kind) {
    case Hash:
        action->setIcon(Icons::action(Icons::Action::Add));
        action->setText(tr("Add &Hash Job…"));
        action->setShortcut(QKeySequence::New);
        action->setToolTip(tr("Hash files and folders into a checksum manifest"));
        connect(action, &QAction::triggered, this,
                [this] { openHashDialog(AddHashDialog::Mode::Hash); });
        break;
    case Verify:
        action->setIcon(Icons::action(Icons::Action::Verify));
        action->setText(tr("Add &Verify Job…"));
        action->setShortcut(QKeySequence(tr("Ctrl+Shift+N")));
        action->setToolTip(tr("Check files against a checksum manifest"));
        connect(action, &QAction::triggered, this,
                [this] { openHashDialog(AddHashDialog::Mode::Verify); });
        break;
    case Images:
        action->setIcon(Icons::action(Icons::Action::Add));
        action->setText(tr("Add &Image Job…"));
        action->setToolTip(tr("Convert or scale images into a folder"));
        connect(action, &QAction::triggered, this, &JobLauncher::openImagesDialog);
        break;
    case Copy:
        action->setIcon(Icons::action(Icons::Action::Add));
        action->setText(tr("Add C&opy Job…"));
        action->setToolTip(tr("Copy files and folders into a folder, like cp -a"));
        connect(action, &QAction::triggered, this, &JobLauncher::openCopyDialog);
        break;
    case Command:
        action->setIcon(Icons::action(Icons::Action::Add));
        action->setText(tr("Add &Command Job…"));
        action->setToolTip(tr("Run a command line, such as an encode or an rsync"));
        connect(action, &QAction::triggered, this, &JobLauncher::openCommandDialog);
        break;
    case KindCount:
        break;
    }
    action->setStatusTip(action->toolTip());
    return action;
}

void JobLauncher::openAddDialog(AddJobDialog *dialog) {
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFolderSettings(m_folderSettings);
    dialog->scheduleEditor()->setChoices(jobsInQueue(), dialog->editedJob());
    dialog->setSubmitter([this, dialog](const JobSpec &spec) -> QString {
        if (const JobId id = dialog->editedJob()) {
            const Status saved = m_queue->edit(id, spec);
            if (!saved)
                return tr("Could not save job %1: %2").arg(id).arg(saved.error());
            Q_EMIT jobEdited(id);
            return {};
        }
        const Expected<JobId> added = m_queue->add(spec);
        if (!added)
            return tr("Could not add the job: %1").arg(added.error());
        Q_EMIT jobAdded(added.value());
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
    AddJobDialog *dialog = nullptr;
    const QString kind = job.spec.kind;
    if (kind == QLatin1String("hash")) {
        dialog = new AddHashDialog(m_queue->kinds(), AddHashDialog::Mode::Hash, m_window);
    } else if (kind == QLatin1String("images")) {
        dialog = new AddImagesDialog(m_queue->kinds(), m_window);
    } else if (kind == QLatin1String("copy")) {
        dialog = new AddCopyDialog(m_queue->kinds(), m_window);
    } else if (kind == QLatin1String("command")) {
        dialog = new AddCommandDialog(m_queue->kinds(), m_window);
    } else {
        Q_EMIT addRefused(tr("Jobs of kind “%1” have no dialog to edit them in.").arg(kind));
        return nullptr;
    }
    dialog->editJob(job);
    openAddDialog(dialog);
    return dialog;
}

AddHashDialog *JobLauncher::openHashDialog(AddHashDialog::Mode mode) {
    auto *dialog = new AddHashDialog(m_queue->kinds(), mode, m_window);
    openAddDialog(dialog);
    return dialog;
}

AddImagesDialog *JobLauncher::openImagesDialog() {
    auto *dialog = new AddImagesDialog(m_queue->kinds(), m_window);
    openAddDialog(dialog);
    return dialog;
}

AddCopyDialog *JobLauncher::openCopyDialog() {
    auto *dialog = new AddCopyDialog(m_queue->kinds(), m_window);
    openAddDialog(dialog);
    return dialog;
}

AddCommandDialog *JobLauncher::openCommandDialog() {
    auto *dialog = new AddCommandDialog(m_queue->kinds(), m_window);
    openAddDialog(dialog);
    return dialog;
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
