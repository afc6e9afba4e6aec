#pragma once

#include "addjob/addjobdialog.h"

class PathListEditor;
class QComboBox;
class QLineEdit;
class QSpinBox;

// Asks for an "images" job: images and folders to convert, the folder to write
// into, a maximum size (0: no limit that way), a format (or keep each image's)
// and a quality for JPEG and WebP.
//
// Before closing, accept() validates the parameters through the images kind;
// when the kind refuses, its message (naming the bad parameter) is shown
// inline and the dialog stays open. After accepted(), spec() is the validated
// job to queue; the dialog itself queues nothing (see AddJobDialog). Pickers
// are Qt's own.
//
// Ownership: the registry is not owned and must outlive the dialog. GUI thread.
class AddImagesDialog : public AddJobDialog {
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

private:
    void browseOutput();
    QVariantMap parameters(QString *error) const override;
    void setParameters(const QVariantMap &params) override;
    QStringList parameterKeys() const override;

    PathListEditor *m_pathEditor = nullptr;
    QLineEdit *m_outputEdit = nullptr;
    QSpinBox *m_widthSpin = nullptr;
    QSpinBox *m_heightSpin = nullptr;
    QComboBox *m_formatCombo = nullptr;
    QSpinBox *m_qualitySpin = nullptr;
};
