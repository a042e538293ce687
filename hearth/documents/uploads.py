"""Uploads are capped as they stream in, not after: Django's own handlers write a whole request body
(to memory, then to a temporary file) before a form can look at its size, so a 200 MB upload was
written to disk before the 20 MB limit refused it.

SizeCappedUploadHandler is first in FILE_UPLOAD_HANDLERS. It passes each chunk of a file on to the
handlers after it (memory or temporary file) until the file passes HEARTH_DOCUMENT_MAX_BYTES; after
that it keeps the chunks from them, so no more than the limit is ever held, and it counts the rest.
The file then reaches the form as a TooLargeUpload that knows its real size and holds no content,
and document_upload refuses it with the usual message ("must be smaller than 20 MB"); the form's
other fields are all kept, so the person sees what to fix. The council's proxy should refuse bodies
much larger than the limit before they reach Hearth at all (docs/operations.md)."""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class TooLargeUpload(UploadedFile):
    """An upload refused for its size: its name and real size, no content."""

    def __init__(self, name: str, size: int, content_type: str):
        super().__init__(file=None, name=name, content_type=content_type, size=size)

    def chunks(self, chunk_size=None):
        return iter(())

    def read(self, *args):
        return b""

    def seek(self, *args):
        return 0


class SizeCappedUploadHandler(FileUploadHandler):
    def new_file(self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.HEARTH_DOCUMENT_MAX_BYTES:
            return None  # counted, never passed on: nothing past the limit is held anywhere
        return raw_data

    def file_complete(self, file_size):
        if self.received > settings.HEARTH_DOCUMENT_MAX_BYTES:
            return TooLargeUpload(self.file_name, self.received, self.content_type)
        return None  # the handlers after this one complete the file as usual
