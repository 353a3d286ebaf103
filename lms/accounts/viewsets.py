from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from lms.accounts.forms import AdminUserCreationForm, AdminUserEditForm


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return AdminUserEditForm if for_update else AdminUserCreationForm
