#pragma once

#include "closeprompt.h"

#include <QApplication>
#include <QCheckBox>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>
#include <QTimer>
#include <gtest/gtest.h>

// Answers the prompt when it appears, as a person would: optionally ticks its
// check box ("Remember my choice", "Don't ask again": rememberBoxName), then
// clicks a button or presses a key. Records what the
// dialog offered and said. Polls on a timer because the prompt runs its own
// event loop; nothing happens when no prompt appears.
class PromptAnswerer {
public:
    explicit PromptAnswerer(const char *buttonName, bool remember = false,
                            const char *rememberBoxName = ClosePrompt::rememberCheckBoxName)
        : m_buttonName(buttonName)
        , m_remember(remember)
        , m_rememberBoxName(rememberBoxName) {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { answer(); });
        m_timer.start();
    }
    explicit PromptAnswerer(Qt::Key key)
        : PromptAnswerer(nullptr) {
        m_key = key;
    }

    bool asked() const { return m_asked; }
    QStringList buttons() const { return m_buttons; }
    QString text() const { return m_text; }
    int width() const { return m_width; }

private:
    void answer() {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || !box->isVisible())
            return;
        m_timer.stop();
        m_asked = true;
        m_text = box->text() + QLatin1Char('\n') + box->informativeText();
        m_width = box->width();
        for (QAbstractButton *button : box->buttons())
            m_buttons << button->objectName();
        m_buttons.sort();
        if (m_remember)
            box->findChild<QCheckBox *>(QLatin1String(m_rememberBoxName))->setChecked(true);
        if (m_buttonName) {
            auto *button = box->findChild<QPushButton *>(QLatin1String(m_buttonName));
            ASSERT_NE(button, nullptr) << m_buttonName;
            QTest::mouseClick(button, Qt::LeftButton);
        } else {
            QTest::keyClick(box, m_key);
        }
    }

    const char *m_buttonName;
    int m_width = 0;
    bool m_remember;
    const char *m_rememberBoxName;
    Qt::Key m_key = Qt::Key_Escape;
    QTimer m_timer;
    bool m_asked = false;
    QStringList m_buttons;
    QString m_text;
};
