from django import forms
from django.conf import settings
from django.utils import timezone

from hearth.core.forms import GovukDateField, GovukForm
from hearth.documents.filetypes import ALLOWED_EXTENSIONS
from hearth.documents.models import DocumentType


class DocumentUploadForm(GovukForm):
    service_error_fields = {"document_type_code": "document_type"}

    file = forms.FileField(
        label="File",
        widget=forms.FileInput(attrs={"class": "govuk-file-upload", "accept": ",".join(ALLOWED_EXTENSIONS)}),
        error_messages={"required": "Select a file to upload", "empty": "The selected file is empty"},
    )
    document_type = forms.ChoiceField(label="Type of document", choices=())
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, Letter from Meadow Primary School",
        error_messages={"required": "Enter a title for the document, for example Letter from the school"},
    )
    dated_on = GovukDateField(
        label="Date of the document",
        help_text="The date written on it, for example 27 3 2025",
        error_messages={"required": "Enter the date of the document"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document_type"].choices = [("", "Choose a type")] + [
            (t.code, t.label) for t in DocumentType.objects.filter(active=True)
        ]
        self.fields["document_type"].error_messages["required"] = "Choose the type of document"
        limit = settings.HEARTH_DOCUMENT_MAX_BYTES // (1024 * 1024)
        self.fields["file"].help_text = f"A PDF, Word, Excel, PowerPoint, JPEG or PNG file, smaller than {limit} MB"
        if not self.is_bound:
            self.fields["dated_on"].initial = timezone.localdate()
