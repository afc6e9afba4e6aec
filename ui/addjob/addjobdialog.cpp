#include "addjob/addjobdialog.h"

#include "addjob/jobscheduleeditor.h"
#include "icons.h"
#include "job/jobkindregistry.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <utility>

AddJobDialog::AddJobDialog(const JobKindRegistry &kinds, const QString &kindName,
                           const QString &missingKindMessage, QWidget *parent)
    : QDialog(parent)
    , m_kinds(kinds)
    , m_kindName(kindName)
    , m_missingKindMessage(missingKindMessage) {
    setWindowIcon(Icons::action(Icons::Action::Add));

    m_content = new QVBoxLayout;
    m_content->setContentsMargins(0, 0, 0, 0);

    m_schedule = new JobScheduleEditor(this);
    connect(m_schedule, &JobScheduleEditor::edited, this, &AddJobDialog::hideError);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setAccessibleName(tr("Error"));
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette errorPalette = m_errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_errorLabel->setPalette(errorPalette);
    m_errorLabel->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_okButton = buttons->button(QDialogButtonBox::Ok);
    m_okButton->setText(tr("Add to &Queue"));
    connect(buttons, &QDialogButtonBox::accepted, this, &AddJobDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AddJobDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_content, 1);
    layout->addWidget(m_schedule);
    layout->addWidget(m_errorLabel);
    layout->addWidget(buttons);
}

QString AddJobDialog::errorText() const {
    return m_errorLabel->isHidden() ? QString() : m_errorLabel->text();
}

void AddJobDialog::accept() {
    const JobKind *kind = m_kinds.find(m_kindName);
    if (!kind) {
        showError(m_missingKindMessage);
        return;
    }
    QString error;
    const QList<QVariantMap> sets =
        m_edited != 0 ? QList<QVariantMap>{parameters(&error)} : parameterSets(&error);
    if (!error.isEmpty()) {
        showError(error);
        return;
    }
    QList<JobSpec> specs;
    for (QVariantMap params : sets) {
        if (m_edited != 0) {
            // What the dialog has no control for stays as it was.
            QVariantMap merged = m_editedParams;
            for (const QString &key : parameterKeys())
                merged.remove(key);
            merged.insert(params);
            params = merged;
        }
        // On the GUI thread: a kind's validate() is cheap (it stats paths or
        // looks a program up on PATH, it never walks a tree).
        const Expected<QVariantMap> validated = kind->validate(params);
        if (!validated) {
            showError(sets.size() == 1 ? validated.error()
                                       : tr("Job %1 of %2: %3")
                                             .arg(specs.size() + 1)
                                             .arg(sets.size())
                                             .arg(validated.error()));
            return;
        }
        JobSpec spec;
        spec.kind = m_kindName;
        spec.params = validated.value();
        m_schedule->applyTo(&spec);
        specs.append(spec);
    }
    m_specs = specs;
    if (m_submit) {
        if (const QString refused = m_submit(m_specs); !refused.isEmpty()) {
            showError(refused);
            return;
        }
    }
    hideError();
    QDialog::accept();
}

void AddJobDialog::showEvent(QShowEvent *event) {
    QDialog::showEvent(event);
    if (std::exchange(m_shown, true))
        return;
    // The focus chain runs in creation order: the queue settings and the buttons
    // (this class's), then the kind's controls; take the first of those.
    for (QWidget *widget = nextInFocusChain(); widget && widget != this;
         widget = widget->nextInFocusChain()) {
        if (m_schedule->isAncestorOf(widget) || qobject_cast<QPushButton *>(widget) ||
            !(widget->focusPolicy() & Qt::TabFocus) || !widget->isVisibleTo(this) ||
            !widget->isEnabled())
            continue;
        widget->setFocus(Qt::TabFocusReason);
        return;
    }
}

QString AddJobDialog::browseFolder(const QString &field, const QString &title,
                                   const QString &current) {
    const QString folder = QFileDialog::getExistingDirectory(
        this, title, m_folders.startFor(field, current),
        QFileDialog::ShowDirsOnly | QFileDialog::DontUseNativeDialog);
    if (!folder.isEmpty())
        m_folders.remember(field, folder);
    return folder;
}

void AddJobDialog::setFolderSettings(QSettings *settings) {
    m_folders.setSettings(settings);
    folderSettingsChanged();
}

void AddJobDialog::editJob(const JobSnapshot &job) {
    m_edited = job.id;
    m_editedParams = job.spec.params;
    setWindowTitle(tr("Edit Job %1 · %2").arg(job.id).arg(job.spec.title));
    m_okButton->setText(tr("&Save"));
    setParameters(job.spec.params);
    m_schedule->setSchedule(job.spec);
    hideError();
}

QHBoxLayout *AddJobDialog::createBrowseRow(QLineEdit *edit, const QString &buttonText,
                                           const QString &buttonName,
                                           const std::function<void()> &browse) {
    auto *button = new QPushButton(buttonText, edit->parentWidget());
    button->setAccessibleName(buttonName);
    connect(button, &QPushButton::clicked, this, browse);
    auto *row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(button);
    return row;
}

void AddJobDialog::showError(const QString &message) {
    m_errorLabel->setText(message);
    m_errorLabel->show();
}

void AddJobDialog::hideError() {
    m_errorLabel->hide();
}
