#pragma once

#include <QString>

#include <optional>
#include <utility>

// A value or a message for a person explaining why there is none
// (std::expected is C++23; this is the small part of it we need).
template <typename T> class Expected {
public:
    Expected(T value)
        : m_value(std::move(value)) {}
    static Expected failure(QString message) { return Expected(std::move(message), 0); }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return *m_value; }
    T &value() { return *m_value; }
    const T &operator*() const { return *m_value; }
    const T *operator->() const { return &*m_value; }
    // Empty when ok().
    const QString &error() const { return m_error; }

private:
    Expected(QString message, int)
        : m_error(std::move(message)) {}
    std::optional<T> m_value;
    QString m_error;
};

// The outcome of an action that yields nothing but may be refused.
class Status {
public:
    Status() = default;
    static Status failure(QString message) { return Status(std::move(message)); }
    bool ok() const { return m_error.isEmpty(); }
    explicit operator bool() const { return ok(); }
    const QString &error() const { return m_error; }

private:
    explicit Status(QString message)
        : m_error(std::move(message)) {}
    QString m_error;
};
