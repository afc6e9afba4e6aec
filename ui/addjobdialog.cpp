#include "addjobdialog.h"

#include "icons.h"
#include "jobkindregistry.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

AddJobDialog::AddJobDialog(const JobKindRegistry &kinds, const QString &kindName,
                           const QString &missingKindMessage, QWidget *parent)
    : QDialog(parent)
    , m_kinds(kinds)
    , m_kindName(kindName)
    , m_missingKindMessage(missingKindMessage) {
    setWindowIcon(Icons::action(Icons::Action::Add));

    m_content = new QVBoxLayout;
    m_content->setContentsMargins(0, 0, 0, 0);

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
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Add to &Queue"));
    connect(buttons, &QDialogButtonBox::accepted, this, &AddJobDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AddJobDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_content, 1);
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
    const QVariantMap params = parameters(&error);
    if (!error.isEmpty()) {
        showError(error);
        return;
    }
    // On the GUI thread: a kind's validate() is cheap (it stats paths or looks a
    // program up on PATH, it never walks a tree).
    const Expected<QVariantMap> validated = kind->validate(params);
    if (!validated) {
        showError(validated.error());
        return;
    }
    m_spec = JobSpec{};
    m_spec.kind = m_kindName;
    m_spec.params = validated.value();
    hideError();
    QDialog::accept();
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
