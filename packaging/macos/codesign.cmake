# SPDX-License-Identifier: GPL-3.0-or-later
# CPACK_PRE_BUILD_SCRIPTS step: signs the app bundle in CPack's staging tree with the hardened runtime and a
# secure timestamp (what notarisation requires), after macdeployqt has copied Qt into it and before the DMG is
# made. It does nothing unless the environment names a signing identity in the keychain search list (the CI
# workflow imports one):
#   SSESCOPE_CODESIGN_IDENTITY   e.g. "Developer ID Application: Name (TEAMID)" or its SHA-1 hash
if("$ENV{SSESCOPE_CODESIGN_IDENTITY}" STREQUAL "")
    return()
endif()
set(sign codesign --force --options runtime --timestamp --sign "$ENV{SSESCOPE_CODESIGN_IDENTITY}")

file(GLOB bundles LIST_DIRECTORIES true
    "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*.app"
    "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/*.app")
if(NOT bundles)
    message(FATAL_ERROR "codesign: no .app under ${CPACK_TEMPORARY_INSTALL_DIRECTORY}")
endif()
foreach(bundle IN LISTS bundles)
    # Inside out, as Apple asks (rather than --deep): the Qt frameworks and plugins, then the bundle itself.
    file(GLOB frameworks LIST_DIRECTORIES true "${bundle}/Contents/Frameworks/*.framework")
    file(GLOB_RECURSE libraries "${bundle}/Contents/Frameworks/*.dylib" "${bundle}/Contents/PlugIns/*.dylib")
    set(nested ${libraries} ${frameworks})
    list(LENGTH nested count)
    message(STATUS "codesign: signing ${bundle} and the ${count} frameworks and libraries in it")
    if(nested)
        execute_process(COMMAND ${sign} ${nested} COMMAND_ERROR_IS_FATAL ANY)
    endif()
    execute_process(COMMAND ${sign} "${bundle}" COMMAND_ERROR_IS_FATAL ANY)
    execute_process(COMMAND codesign --verify --deep --strict --verbose=2 "${bundle}" COMMAND_ERROR_IS_FATAL ANY)
endforeach()
