#include "finishedjobactions.h"

#include "engine/jobqueue.h"

#include "filemanagerlauncher.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>

FinishedJobActions::FinishedJobActions(JobQueue *queue, QObject *parent)
    : QObject(parent)
    , m_queue(queue)
    , m_fileManager(new FileManagerLauncher(this)) {
    Q_ASSERT(queue);
    connect(m_fileManager, &FileManagerLauncher::refused, this, &FinishedJobActions::refused);
    const auto make = [this](Command command, const QString &text, const QString &tip,
                             const char *name) {
        auto *action = new QAction(text, this);
        action->setStatusTip(tip);
        action->setObjectName(QLatin1String(name));
        action->setEnabled(false);
        m_actions[command] = action;
        return action;
    };
    connect(make(RunAgain, tr("Run &Again"),
                 tr("Queue a new job with the same settings as this one"), "runAgainAction"),
            &QAction::triggered, this, &FinishedJobActions::runAgain);
    connect(make(CopyError, tr("Copy &Error"), tr("Copy the job's error to the clipboard"),
                 "copyErrorAction"),
            &QAction::triggered, this, [this] {
                if (m_job)
                    QGuiApplication::clipboard()->setText(m_job->result.error);
            });
    connect(make(OpenOutput, tr("Open &Output"), tr("Open the folder or file this job writes"),
                 "openOutputAction"),
            &QAction::triggered, this, [this] {
                if (m_job)
                    m_fileManager->openFolder(outputPath(*m_job));
            });
    connect(make(ShowInFileManager, tr("Show in &File Manager"),
                 tr("Show the file or folder this job writes in the file manager"),
                 "showInFileManagerAction"),
            &QAction::triggered, this, [this] {
                if (m_job)
                    m_fileManager->showItem(outputPath(*m_job));
            });
    connect(make(OpenLogFile, tr("Open &Log File"), tr("Open the command's own log file"),
                 "openLogFileAction"),
            &QAction::triggered, this, [this] {
                if (m_job)
                    m_fileManager->openFile(
                        m_job->spec.params.value(QStringLiteral("log_file")).toString());
            });
}

void FinishedJobActions::setFileManagerBus(const QDBusConnection &bus) {
    m_fileManager->setBus(bus);
}

QList<QAction *> FinishedJobActions::actions() const {
    return {std::begin(m_actions), std::end(m_actions)};
}

QString FinishedJobActions::outputPath(const JobSnapshot &job) {
    // The kinds' keys for where they write (see each kind's params header).
    for (const char *key : {"output", "destination", "cwd"}) {
        const QString path = job.spec.params.value(QLatin1String(key)).toString();
        if (!path.isEmpty())
            return path;
    }
    return {};
}

void FinishedJobActions::setJob(const std::optional<JobSnapshot> &job) {
    m_job = job;
    const bool finished = job && isFinished(job->state);
    m_actions[RunAgain]->setEnabled(finished);
    m_actions[CopyError]->setEnabled(job && !job->result.error.isEmpty());
    m_actions[OpenOutput]->setEnabled(job && !outputPath(*job).isEmpty());
    m_actions[ShowInFileManager]->setEnabled(m_actions[OpenOutput]->isEnabled());
    m_actions[OpenLogFile]->setEnabled(
        job && !job->spec.params.value(QStringLiteral("log_file")).toString().isEmpty());
}

void FinishedJobActions::runAgain() {
    if (!m_job)
        return;
    JobSpec spec = m_job->spec;
    spec.after.clear();
    spec.notBefore = {};
    const Expected<JobId> added = m_queue->add(spec);
    if (!added) {
        Q_EMIT refused(tr("“%1” cannot run again: %2").arg(m_job->spec.title, added.error()));
        return;
    }
    Q_EMIT jobAdded(*added);
}
