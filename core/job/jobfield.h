#pragma once

#include <QList>
#include <QString>

// How a person reads one of a kind's parameters or result details: the key, its
// label, and what its value is. Each kind declares its own (JobKind::fields()),
// in the order a person reads them, so the window needs no table of every
// kind's keys. label and the choices' words are English, marked
// QT_TRANSLATE_NOOP("JobField", ...): the window translates them.
// Plain values, built once per kind; any thread.
struct JobField {
    enum class Type {
        Text,       // shown as it is; a list one item a line
        Path,       // files or folders, relative ones against base_dir: shown as links
        Flag,       // yes or no
        Count,      // a number with group separators
        Identifier, // a number without them ("Process ID 4018")
        Bytes,      // a size, in SI units
        Seconds,    // a duration ("5s")
        Pixels,     // a number, 0 (or less) meaning "not limited"
        Choice,     // one of choices, shown by its words
    };
    struct Choice {
        QString value;
        const char *words;
    };

    QString key;
    const char *label;
    Type type = Type::Text;
    QList<Choice> choices = {}; // Type::Choice
};
