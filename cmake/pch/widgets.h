// SPDX-License-Identifier: GPL-3.0-or-later
// Precompiled for the window: the engine's headers and the widgets most of its files include.
#pragma once

#include "engine.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWidget>
