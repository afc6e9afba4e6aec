#pragma once

#include <QString>

class QSettings;

// Where each path field of the add dialogs last chose something, kept in the
// application's settings under "folders/<field>" (e.g. "copy/destination"), so
// that its Browse… opens there the next time, in the next dialog and after a
// restart too. Without settings it remembers nothing and pickers open in the
// field's own folder or the home folder.
//
// A plain value: it does not own the QSettings, which must outlive it. GUI thread.
class RememberedFolders {
public:
    explicit RememberedFolders(QSettings *settings = nullptr)
        : m_settings(settings) {}

    void setSettings(QSettings *settings) { m_settings = settings; }

    // The folder a picker for `field` opens in: the folder of `current` (the
    // field's path: a folder, or a file in one) when it exists; else the
    // remembered folder when it still exists; else the home folder.
    QString startFor(const QString &field, const QString &current = {}) const;
    // Records the folder of what the person chose: the path itself when it is a
    // folder, else the folder holding it. An empty path records nothing.
    void remember(const QString &field, const QString &chosen);
    // The remembered folder when it still exists; empty otherwise.
    QString remembered(const QString &field) const;

private:
    QSettings *m_settings;
};
