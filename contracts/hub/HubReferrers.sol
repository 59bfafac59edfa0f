// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISubscriptionHub} from "../interfaces/ISubscriptionHub.sol";
import {HubTerms} from "./HubTerms.sol";

/// @notice The artist registry of a SubscriptionHub: which artists may refer new subscribers, and their campaigns.
/// The platform enrolls artists (or names an enroller key that does); while `enrollmentRequired` a new subscriber's
/// referrer must be enrolled, so a second wallet or a cashback site cannot take the referral share. Each enrolled
/// artist registers campaigns, each with a payout address fixed for good (its Split, or a waterfall that first repays
/// the campaign's funder). A binding, once made, never depends on the registry again: unenrolling an artist stops it
/// from binding new subscribers and changes nothing for those it already brought.
/// @dev The same rule runs off-chain: the engine refuses payments whose referrer is not in the artist registry it is
/// given (`lib/publication/published.ts`), and a hub referrer it cannot map is kept under its own address.
abstract contract HubReferrers is HubTerms {
    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    /// @notice Whether referrers of new subscribers must be enrolled.
    bool public enrollmentRequired;

    /// @notice May enroll and unenroll artists besides the owner.
    address public enroller;

    mapping(address artist => bool) internal _enrolled;
    /// @dev Each artist's campaign payouts by id, numbered from 1.
    mapping(address artist => mapping(uint256 campaign => address payout)) internal _campaigns;
    mapping(address artist => uint256) internal _campaignCount;
    /// @dev Whether `payout` is the payout of one of `artist`'s campaigns (it may not subscribe through `artist`).
    mapping(address artist => mapping(address payout => bool)) internal _isPayoutOf;
    /// @dev The referrer artist of a subscriber bound through a campaign other than 0 (for campaign 0 the artist is
    /// the payout address in the binding).
    mapping(address subscriber => address artist) internal _boundArtist;

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    constructor(bool enrollmentRequired_) {
        enrollmentRequired = enrollmentRequired_;
        emit EnrollmentRequiredSet(enrollmentRequired_);
    }

    /*//////////////////////////////////////////////////////////////
                           EXTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ISubscriptionHub
    function enroll(address artist) external {
        _checkEnroller();
        if (artist == address(0)) revert HubZeroAddress();
        _enrolled[artist] = true;
        emit ArtistEnrolled(artist, msg.sender);
    }

    /// @inheritdoc ISubscriptionHub
    function unenroll(address artist) external {
        _checkEnroller();
        _enrolled[artist] = false;
        emit ArtistUnenrolled(artist, msg.sender);
    }

    /// @inheritdoc ISubscriptionHub
    function registerCampaign(address payout) external returns (uint32 campaign) {
        if (payout == address(0)) revert HubZeroAddress();
        if (enrollmentRequired && !_enrolled[msg.sender]) revert HubNotEnrolled(msg.sender);
        uint256 id = _campaignCount[msg.sender] + 1;
        // The hot slot stores the campaign as uint32.
        if (id > type(uint32).max) revert HubCapacityExceeded();
        _campaignCount[msg.sender] = id;
        _campaigns[msg.sender][id] = payout;
        _isPayoutOf[msg.sender][payout] = true;
        emit CampaignRegistered(msg.sender, id, payout);
        return uint32(id);
    }

    /// @inheritdoc ISubscriptionHub
    function setEnroller(address enroller_) external onlyOwner {
        enroller = enroller_;
        emit EnrollerSet(enroller_);
    }

    /// @inheritdoc ISubscriptionHub
    function setEnrollmentRequired(bool required) external onlyOwner {
        enrollmentRequired = required;
        emit EnrollmentRequiredSet(required);
    }

    /// @inheritdoc ISubscriptionHub
    function isEnrolled(address artist) external view returns (bool) {
        return _enrolled[artist];
    }

    /// @inheritdoc ISubscriptionHub
    function campaignPayout(address artist, uint32 campaign) external view returns (address) {
        if (campaign == 0) return artist;
        return _campaigns[artist][campaign];
    }

    /// @inheritdoc ISubscriptionHub
    function campaignCount(address artist) external view returns (uint256) {
        return _campaignCount[artist];
    }

    /*//////////////////////////////////////////////////////////////
                           INTERNAL FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @dev The address a new subscriber's referral through `referrer`'s `campaign` pays, after every check of the
    /// registry: enrollment (if required), the campaign's existence, and no self-referral (the subscriber is neither
    /// the artist nor one of its campaign payouts). Organic (`referrer` zero) pays no one and takes no campaign.
    function _referralPayout(
        address subscriber,
        address referrer,
        uint256 campaign
    ) internal view returns (address payout) {
        if (referrer == address(0)) {
            if (campaign != 0) revert HubUnknownCampaign(referrer, campaign);
            return address(0);
        }
        if (referrer == subscriber || _isPayoutOf[referrer][subscriber]) revert HubSelfReferral(subscriber);
        if (enrollmentRequired && !_enrolled[referrer]) revert HubReferrerNotEnrolled(referrer);
        if (campaign == 0) return referrer;
        payout = _campaigns[referrer][campaign];
        if (payout == address(0)) revert HubUnknownCampaign(referrer, campaign);
    }

    function _checkEnroller() internal view {
        if (msg.sender != owner() && msg.sender != enroller) revert HubNotEnroller(msg.sender);
    }
}
