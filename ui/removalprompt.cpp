#include "removalprompt.h"

#include "appsettings.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

#include <algorithm>

bool RemovalPrompt::hasStarted(const JobSnapshot &job) {
    return job.hasRunUnderWay();
}

bool RemovalPrompt::needsAsking(const QList<JobSnapshot> &jobs) {
    return jobs.size() > 1 || std::any_of(jobs.cbegin(), jobs.cend(), hasStarted);
}

namespace {
// The prompt's least width, in pixels.
constexpr int minimumWidth = 420;
} // namespace

bool RemovalPrompt::confirm(const QList<JobSnapshot> &jobs, AppSettings *settings,
                            QWidget *parent) {
    if (!needsAsking(jobs) || (settings && !settings->confirmRemoval()))
        return true;
    const int started = int(std::count_if(jobs.cbegin(), jobs.cend(), hasStarted));
    const int count = int(jobs.size());
    const QString question = count == 1 ? tr("Remove “%1”?").arg(jobs.first().spec.title)
                                        : tr("Remove %1 jobs?").arg(QLocale().toString(count));
    QString detail;
    if (count == 1)
        detail = tr("It is running and will be canceled; what it wrote so far is removed.");
    else if (started == count)
        detail = tr("All of them are running and will be canceled.");
    else if (started > 0)
        detail = tr("%1 of them %2 running and will be canceled. The others can be brought "
                    "back with Edit > Undo.")
                     .arg(QLocale().toString(started), started == 1 ? tr("is") : tr("are"));
    else
        detail = tr("They can be brought back with Edit > Undo.");

    QMessageBox box(QMessageBox::Question, tr("Remove Jobs"), question, QMessageBox::NoButton,
                    parent);
    box.setInformativeText(detail);
    QPushButton *remove = box.addButton(tr("&Remove"), QMessageBox::DestructiveRole);
    remove->setObjectName(QLatin1String(removeButtonName));
    QPushButton *keep = box.addButton(tr("&Keep"), QMessageBox::RejectRole);
    keep->setObjectName(QLatin1String(keepButtonName));
    // Enter right after Delete must not cancel a run that Undo cannot bring back.
    box.setDefaultButton(started > 0 ? keep : remove);
    box.setEscapeButton(keep);
    auto *dontAsk = new QCheckBox(tr("&Don't ask again"), &box);
    dontAsk->setObjectName(QLatin1String(dontAskCheckBoxName));
    box.setCheckBox(dontAsk);
    // Wide enough for its title and a sentence per line (QMessageBox sizes to
    // its shortest text and ignores setMinimumWidth; a spacer in its grid does not;
    // after setCheckBox(), which rebuilds that grid).
    if (auto *grid = qobject_cast<QGridLayout *>(box.layout())) {
        grid->addItem(new QSpacerItem(minimumWidth, 0, QSizePolicy::Minimum, QSizePolicy::Fixed),
                      grid->rowCount(), 0, 1, grid->columnCount());
    }
    box.exec();
    if (box.clickedButton() != remove)
        return false;
    if (dontAsk->isChecked() && settings)
        settings->setConfirmRemoval(false);
    return true;
}
