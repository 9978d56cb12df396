// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "llm/llmassembler.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QToolButton;
class QTreeWidget;

/**
 * The reply of an LLM API as it streams: text, reasoning apart, tool calls with their arguments, and a line of
 * metrics (format, deltas, tokens, time to first token, tokens per second, how it ended). Events are assembled
 * at once; the widgets catch up on a timer, appending only what is new.
 */
class LlmView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LlmView)

public:
    explicit LlmView(QWidget *parent = nullptr);
    ~LlmView() override;

    /** A new session: forgets the reply; startNs is the monotonic time the request was sent. */
    void reset(qint64 startNs);
    void addEvent(const SseEvent &event, qint64 monotonicNs);
    /** Applies what is waiting now (the timer does it otherwise). */
    void flush();

    /** Chooses the format, as the format box does, and re-reads the events of this session. */
    void setFormat(LlmFormat format);
    /** Sets the JSON pointer of the Pointer format, as the line edit does; false when text is not a pointer. */
    bool setPointer(const QString &text);

    const LlmAssembler &assembler() const { return m_assembler; }
    /** The text the reply area shows. */
    QString replyText() const;
    /** The text the reasoning area shows. */
    QString reasoningText() const;
    /** The metrics line as plain text (its spaces are non-breaking on screen), without the status. */
    QString metricsText() const;
    /** "streaming…", "stopped: end_turn, done: message_stop", "error: …". */
    QString statusText() const;
    /** True while the placeholder is shown instead of a reply. */
    bool isShowingPlaceholder() const;
    QString placeholderText() const;
    QTreeWidget *toolCallsView() const { return m_tools; }
    QComboBox *formatBox() const { return m_format; }
    QLineEdit *pointerEdit() const { return m_pointer; }
    QPushButton *copyButton() const { return m_copy; }

private:
    void scheduleFlush();
    void refreshAll();
    void showToolCalls();
    void showMetrics();
    void showPlaceholder();
    void setReasoningExpanded(bool expanded);

    LlmAssembler m_assembler;
    QTimer m_timer;
    quint64 m_shownRevision = 0;
    bool m_fullRefresh = true;
    qsizetype m_shownText = 0;
    qsizetype m_shownReasoning = 0;
    QList<LlmToolCall> m_shownCalls;

    QComboBox *m_format;
    QLineEdit *m_pointer;
    QCheckBox *m_monospace;
    QPushButton *m_copy;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_metrics;
    QLabel *m_status;
    QToolButton *m_reasoningToggle;
    QPlainTextEdit *m_reasoning;
    QPlainTextEdit *m_reply;
    QLabel *m_toolsTitle;
    QWidget *m_toolsPanel;
    QTreeWidget *m_tools;
};
