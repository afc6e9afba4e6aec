#pragma once

#include "jobspec.h"

#include <QDialog>

class JobKindRegistry;
class PathListEditor;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

// Asks for an "images" job: images and folders to convert, the folder to write
// into, a maximum size (0: no limit that way), a format (or keep each image's)
// and a quality for JPEG and WebP.
//
// Before closing, accept() validates the parameters through the images kind;
// when the kind refuses, its message (naming the bad parameter) is shown
// inline and the dialog stays open. After accepted(), spec() is the validated
// job to queue; the dialog itself queues nothing. Pickers are Qt's own.
//
// Ownership: the registry is not owned and must outlive the dialog. GUI thread.
class AddImagesDialog : public QDialog {
    Q_OBJECT
public:
    explicit AddImagesDialog(const JobKindRegistry &kinds, QWidget *parent = nullptr);

    QStringList paths() const;
    void setPaths(const QStringList &paths);

    QString outputPath() const;
    void setOutputPath(const QString &path);

    // 0: no limit that way.
    QSize maxSize() const;
    void setMaxSize(QSize size);

    // "jpeg", "png", "webp", or empty to keep each image's format.
    QString format() const;
    void setFormat(const QString &format);

    int quality() const;
    void setQuality(int quality);

    // The message shown for the last refused accept(); empty when none.
    QString errorText() const;
    // The validated job, meaningful after the dialog was accepted.
    JobSpec spec() const { return m_spec; }

    void accept() override;

private:
    void browseOutput();
    void showError(const QString &message);

    const JobKindRegistry &m_kinds;
    PathListEditor *m_pathEditor = nullptr;
    QLineEdit *m_outputEdit = nullptr;
    QSpinBox *m_widthSpin = nullptr;
    QSpinBox *m_heightSpin = nullptr;
    QComboBox *m_formatCombo = nullptr;
    QSpinBox *m_qualitySpin = nullptr;
    QLabel *m_errorLabel = nullptr;
    JobSpec m_spec;
};
