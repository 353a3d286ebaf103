from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from lms.text.markdown import render_markdown


class MarkdownBlock(blocks.TextBlock):
    def get_api_representation(self, value, context=None):
        return render_markdown(value)

    def render_basic(self, value, context=None):
        return mark_safe(render_markdown(value))  # noqa: S308 - cleaned by nh3

    class Meta:
        icon = "code"
        label = _("Markdown")


class QuestionBlock(blocks.CharBlock):
    """One question of a list. Wagtail gives list items no <label>, so the input names
    itself (axe flagged the case block's question inputs as unlabelled)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("label", _("question"))
        super().__init__(**kwargs)
        self.field.widget.attrs["aria-label"] = self.label

    class Meta:
        icon = "help"


class ParticipantBlock(blocks.StructBlock):
    role = blocks.CharBlock(label=_("role"), max_length=100)
    description = blocks.TextBlock(label=_("description"), required=False)


class CaseBlock(blocks.StructBlock):
    """An educational case: the situation, who is involved, and questions for analysis."""

    title = blocks.CharBlock(label=_("title"), max_length=200)
    situation = blocks.TextBlock(label=_("situation"))
    participants = blocks.ListBlock(ParticipantBlock(), label=_("participants by role"))
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions for analysis"))

    class Meta:
        icon = "group"
        label = _("Case")
        template = "modules/blocks/case.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[
            ("info", _("Note")),
            ("warning", _("Warning")),
            ("confidential", _("Confidentiality")),
        ],
        default="info",
    )
    title = blocks.CharBlock(label=_("title"), max_length=200, required=False)
    text = blocks.TextBlock(label=_("text"))

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "modules/blocks/callout.html"


class ReflectionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("prompt"))
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions"))

    class Meta:
        icon = "help"
        label = _("Reflection questions")
        template = "modules/blocks/reflection.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    caption = blocks.CharBlock(label=_("caption"), max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "modules/blocks/document.html"


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(
        label=_("text alternative"),
        max_length=250,
        help_text=_("What the image shows, for screen readers."),
    )
    caption = blocks.CharBlock(label=_("caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "modules/blocks/figure.html"


class LessonBodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(
        label=_("Text"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "blockquote"]
    )
    markdown = MarkdownBlock()
    document = DocumentBlock()
    figure = FigureBlock()
    video = EmbedBlock(label=_("Video"), icon="media")
    case = CaseBlock()
    callout = CalloutBlock()
    reflection = ReflectionBlock()
