# SPDX-License-Identifier: GPL-3.0-or-later
# CPACK_PRE_BUILD_SCRIPTS step: signs ssescope.exe in CPack's staging tree with signtool, so that the
# installer and the portable zip both carry the signed program. It does nothing unless the environment names
# a certificate in the user's store by its SHA-1 thumbprint (the CI workflow imports it):
#   SSESCOPE_SIGNTOOL_SHA1     thumbprint of the code-signing certificate
#   SSESCOPE_TIMESTAMP_URL     RFC 3161 time-stamp server (default: DigiCert's)
# The installer .exe itself is signed after cpack, by the workflow.
if("$ENV{SSESCOPE_SIGNTOOL_SHA1}" STREQUAL "")
    return()
endif()
set(timestampUrl "$ENV{SSESCOPE_TIMESTAMP_URL}")
if(timestampUrl STREQUAL "")
    set(timestampUrl "http://timestamp.digicert.com")
endif()
# signtool is on PATH in a Visual Studio developer environment.
find_program(SIGNTOOL signtool REQUIRED)

file(GLOB_RECURSE programs "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/ssescope.exe")
if(NOT programs)
    message(FATAL_ERROR "codesign: no ssescope.exe under ${CPACK_TEMPORARY_INSTALL_DIRECTORY}")
endif()
foreach(program IN LISTS programs)
    message(STATUS "codesign: signing ${program}")
    execute_process(
        COMMAND "${SIGNTOOL}" sign /sha1 "$ENV{SSESCOPE_SIGNTOOL_SHA1}" /fd SHA256 /tr "${timestampUrl}" /td SHA256
                "${program}"
        COMMAND_ERROR_IS_FATAL ANY)
    execute_process(COMMAND "${SIGNTOOL}" verify /pa "${program}" COMMAND_ERROR_IS_FATAL ANY)
endforeach()
