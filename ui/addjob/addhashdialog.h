#pragma once

#include "addjob/addjobdialog.h"

class PathListEditor;
class QButtonGroup;
class QComboBox;
class QLineEdit;
class QStackedWidget;

// Asks for a "hash" job: either files and folders to hash into a manifest, or a
// manifest to verify. Fills in a sensible manifest name beside the first item
// (photos -> photos.sha256) until the person types their own.
//
// Before closing, accept() validates the parameters through the hash kind; when
// the kind refuses, its message (naming the bad parameter) is shown inline and the
// dialog stays open. After accepted(), spec() is the validated job to queue; the
// dialog itself queues nothing (see AddJobDialog). File pickers are Qt's own
// (non-native) dialogs.
//
// Ownership: the registry is not owned and must outlive the dialog. GUI thread.
class AddHashDialog : public AddJobDialog {
    Q_OBJECT
public:
    enum class Mode { Hash, Verify };

    AddHashDialog(const JobKindRegistry &kinds, Mode mode, QWidget *parent = nullptr);

    Mode mode() const;
    void setMode(Mode mode);

    // Absolute paths of the files and folders to hash (Hash mode).
    QStringList paths() const;
    void setPaths(const QStringList &paths);
    void addPaths(const QStringList &paths);

    // Of the current mode: "sha256", "sha512", "sha1", "md5" or "blake2b"; in Verify
    // mode also empty, for "detect from the manifest" (the default, or guessed from
    // the manifest's suffix, e.g. .sha512).
    QString algorithm() const;
    void setAlgorithm(const QString &algorithm);

    // The manifest to write (Hash mode).
    QString outputPath() const;
    void setOutputPath(const QString &path);

    // The manifest to check (Verify mode).
    QString manifestPath() const;
    void setManifestPath(const QString &path);

    static QStringList algorithms();
    // The default manifest for hashing `firstItem`: beside it, named after it.
    static QString defaultOutputFor(const QString &firstItem, const QString &algorithm);

private:
    QComboBox *createAlgorithmCombo(QWidget *parent, bool withDetect);
    QComboBox *currentAlgorithmCombo() const;
    QWidget *createHashPage();
    QWidget *createVerifyPage();
    void browseOutput();
    void browseManifest();
    void updateDefaultOutput();
    void onManifestChanged(const QString &path);
    QVariantMap parameters(QString *error) const override;
    void setParameters(const QVariantMap &params) override;
    QStringList parameterKeys() const override;

    QButtonGroup *m_modeGroup = nullptr;
    QStackedWidget *m_pages = nullptr;
    PathListEditor *m_pathEditor = nullptr;
    QLineEdit *m_outputEdit = nullptr;
    QLineEdit *m_manifestEdit = nullptr;
    QComboBox *m_hashAlgorithmCombo = nullptr;
    QComboBox *m_verifyAlgorithmCombo = nullptr;
    bool m_outputChosen = false; // the person picked or typed the output: keep it
};
