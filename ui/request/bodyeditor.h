// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

/** The request body: a monospace editor with a live JSON check, a Format button and a Content-Type hint. */
class BodyEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BodyEditor)

public:
    explicit BodyEditor(QWidget *parent = nullptr);

    /** The body exactly as set until the text is edited (a text edit would turn CR LF into LF). */
    void setBody(const QByteArray &body);
    QByteArray body() const;
    /** The Content-Type the headers give (empty: none), for the hint and to decide whether to check JSON. */
    void setContentType(const QByteArray &contentType);
    /** Checks now instead of after the typing pause. */
    void checkNow();
    /** "valid JSON", "JSON error at line L, column C: message", or empty when the body is not meant as JSON. */
    QString jsonStatus() const;
    /** Pretty-prints the body when it is valid JSON; false otherwise. */
    bool format();

    QPlainTextEdit *edit() const { return m_edit; }

Q_SIGNALS:
    void bodyChanged();
    /** The user asked to send the body with this Content-Type. */
    void contentTypeRequested(const QByteArray &contentType);

private:
    void updateHint();

    QPlainTextEdit *m_edit;
    QLabel *m_hint;
    QLabel *m_status;
    QPushButton *m_format;
    QTimer m_checkTimer;
    QByteArray m_contentType;
    QByteArray m_exactBody;
    bool m_exact = true;
    bool m_setting = false;
};
